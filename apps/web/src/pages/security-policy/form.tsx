import { defaultSecurityPolicy, securityPolicyLabels, securityPolicySchema } from '@dangjian/core';
import { Typography } from 'antd';
import { describeSettings } from '../../components/settings-form';

/** The security policy as form fields, with bounds read from the shared schema. */
export const securityPolicyFields = describeSettings(
  securityPolicySchema.shape,
  securityPolicyLabels,
  defaultSecurityPolicy,
);

/** Why the bounds exist. */
export function SecurityPolicyNote() {
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
      输入范围的下限按网络安全等级保护要求设定（复杂密码、连续登录失败锁定、空闲超时），只能在此基础上从严。新的密码规则在下次设置或修改密码时生效。
    </Typography.Paragraph>
  );
}
