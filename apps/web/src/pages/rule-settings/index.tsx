import type { RuleSettings } from '@dangjian/core';
import { ruleSettingsSchema } from '@dangjian/core';
import { App, Form, Skeleton } from 'antd';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { SettingsForm } from '../../components/settings-form';
import { useCan } from '../../lib/access';
import { applyFieldErrors, useErrorHandler } from '../../lib/errors';
import { useRuleSettings, useSaveRuleSettings } from './api';
import { RuleSettingsNote, ruleSettingFields } from './form';

/** 规则设置: thresholds of the monitoring rules; editable with setting:rule:edit. */
export function RuleSettingsPage() {
  const can = useCan();
  const settings = useRuleSettings();
  const save = useSaveRuleSettings();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleSettings>();

  const submit = (values: RuleSettings) => {
    // The shared schema also checks the cross-field rules (e.g. 请示 months ≤ reminder months).
    const parsed = ruleSettingsSchema.safeParse(values);
    if (!parsed.success) {
      applyFieldErrors(form, parsed.error.issues);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        form.setFieldsValue(saved);
        message.success('规则设置已保存，预警已按新阈值重新计算');
      },
      onError: (error) => handleError(error, { form, onConflict: () => void settings.refetch() }),
    });
  };

  return (
    <PageContainer title="规则设置">
      {settings.isPending ? <Skeleton active /> : null}
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      {settings.data ? (
        <SettingsForm<RuleSettings>
          title="监测规则阈值"
          fields={ruleSettingFields}
          values={settings.data}
          canEdit={can('setting:rule:edit')}
          saving={save.isPending}
          form={form}
          onSave={submit}
          note={<RuleSettingsNote />}
        />
      ) : null}
    </PageContainer>
  );
}
