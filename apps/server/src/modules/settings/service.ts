import {
  defaultRuleSettings,
  defaultSecurityPolicy,
  type RuleSettings,
  ruleSettingsSchema,
  type SecurityPolicy,
  securityPolicySchema,
} from '@dangjian/core';
import type { AuditChange, Db, Trx } from '../../http/context.ts';
import { readSetting, writeSetting } from './repo.ts';

/** Stored settings merged over the defaults; a stored value that no longer validates falls back. */
export async function getRuleSettings(db: Db | Trx): Promise<RuleSettings> {
  const stored = await readSetting(db, 'rules');
  const parsed = ruleSettingsSchema.safeParse({ ...defaultRuleSettings, ...(stored as object | undefined) });
  return parsed.success ? parsed.data : defaultRuleSettings;
}

export async function getSecurityPolicy(db: Db | Trx): Promise<SecurityPolicy> {
  const stored = await readSetting(db, 'security');
  const parsed = securityPolicySchema.safeParse({
    ...defaultSecurityPolicy,
    ...(stored as object | undefined),
  });
  return parsed.success ? parsed.data : defaultSecurityPolicy;
}

export async function updateRuleSettings(
  trx: Trx,
  value: RuleSettings,
  userId: number,
  change: AuditChange,
): Promise<RuleSettings> {
  change.targetType = 'setting';
  change.targetId = 'rules';
  change.before = await getRuleSettings(trx);
  await writeSetting(trx, 'rules', value, userId);
  change.after = value;
  change.summary = '修改规则阈值设置';
  return value;
}

export async function updateSecurityPolicy(
  trx: Trx,
  value: SecurityPolicy,
  userId: number,
  change: AuditChange,
): Promise<SecurityPolicy> {
  change.targetType = 'setting';
  change.targetId = 'security';
  change.before = await getSecurityPolicy(trx);
  await writeSetting(trx, 'security', value, userId);
  change.after = value;
  change.summary = '修改安全策略';
  return value;
}
