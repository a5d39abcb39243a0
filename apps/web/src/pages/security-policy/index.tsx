import { securityPolicySchema } from '@dangjian/core';
import { SettingsPage } from '../../components/settings-page';
import { useSaveSecurityPolicy, useSecurityPolicy } from './api';
import { SecurityPolicyNote, securityPolicyFields } from './form';

/** 安全策略: password, lockout and idle-timeout rules; editable with security:policy:edit. */
export function SecurityPolicyPage() {
  return (
    <SettingsPage
      pageTitle="安全策略"
      formTitle="密码与登录安全"
      schema={securityPolicySchema}
      query={useSecurityPolicy()}
      save={useSaveSecurityPolicy()}
      fields={securityPolicyFields}
      editPermission="security:policy:edit"
      note={<SecurityPolicyNote />}
      savedMessage="安全策略已保存"
    />
  );
}
