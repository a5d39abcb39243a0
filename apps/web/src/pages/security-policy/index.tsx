import type { SecurityPolicy } from '@dangjian/core';
import { securityPolicySchema } from '@dangjian/core';
import { App, Form, Skeleton } from 'antd';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { SettingsForm } from '../../components/settings-form';
import { useCan } from '../../lib/access';
import { applyFieldErrors, useErrorHandler } from '../../lib/errors';
import { useSaveSecurityPolicy, useSecurityPolicy } from './api';
import { SecurityPolicyNote, securityPolicyFields } from './form';

/** 安全策略: password, lockout and idle-timeout rules; editable with security:policy:edit. */
export function SecurityPolicyPage() {
  const can = useCan();
  const policy = useSecurityPolicy();
  const save = useSaveSecurityPolicy();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityPolicy>();

  const submit = (values: SecurityPolicy) => {
    const parsed = securityPolicySchema.safeParse(values);
    if (!parsed.success) {
      applyFieldErrors(form, parsed.error.issues);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        form.setFieldsValue(saved);
        message.success('安全策略已保存');
      },
      onError: (error) => handleError(error, { form, onConflict: () => void policy.refetch() }),
    });
  };

  return (
    <PageContainer title="安全策略">
      {policy.isPending ? <Skeleton active /> : null}
      {policy.isError ? <QueryError error={policy.error} onRetry={() => void policy.refetch()} /> : null}
      {policy.data ? (
        <SettingsForm<SecurityPolicy>
          title="密码与登录安全"
          fields={securityPolicyFields}
          values={policy.data}
          canEdit={can('security:policy:edit')}
          saving={save.isPending}
          form={form}
          onSave={submit}
          note={<SecurityPolicyNote />}
        />
      ) : null}
    </PageContainer>
  );
}
