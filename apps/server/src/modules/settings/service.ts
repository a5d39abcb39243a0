import {
  AppError,
  type AppointmentSettingsBody,
  appointmentSettingsSchema,
  cadreTermSettingsSchema,
  checkGoLiveDate,
  defaultAppointmentSettingsBody,
  defaultCadreTermSettings,
  defaultReserveSettings,
  defaultRuleSettings,
  defaultSecurityPolicy,
  defaultTrainingSettings,
  type GoLiveSettings,
  type IsoDate,
  type ReserveSettings,
  type RuleSettings,
  reserveSettingsSchema,
  ruleSettingsSchema,
  type SecurityPolicy,
  securityPolicySchema,
  type TermSettings,
  type TrainingSettings,
  trainingSettingsSchema,
} from '@dangjian/core';
import type { z } from 'zod';
import type { AuditChange, Db, Trx } from '../../http/context.ts';
import { readGoLiveSettings, readSetting, writeGoLiveSettings, writeSetting } from './repo.ts';

/** One stored settings document: its key, schema, defaults and how the audit log names a change. */
interface SettingDoc<T> {
  key: string;
  schema: z.ZodType<T>;
  defaults: T;
  summary: string;
}

const rules: SettingDoc<RuleSettings> = {
  key: 'rules',
  schema: ruleSettingsSchema,
  defaults: defaultRuleSettings,
  summary: '修改规则阈值设置',
};
const security: SettingDoc<SecurityPolicy> = {
  key: 'security',
  schema: securityPolicySchema,
  defaults: defaultSecurityPolicy,
  summary: '修改安全策略',
};

const training: SettingDoc<TrainingSettings> = {
  key: 'training',
  schema: trainingSettingsSchema,
  defaults: defaultTrainingSettings,
  summary: '修改培训学时与党务工作激励设置',
};

const cadreTerms: SettingDoc<TermSettings> = {
  key: 'cadre_terms',
  schema: cadreTermSettingsSchema,
  defaults: defaultCadreTermSettings,
  summary: '修改干部任期与交流设置',
};

const cadreAppointment: SettingDoc<AppointmentSettingsBody> = {
  key: 'cadre_appointment',
  schema: appointmentSettingsSchema,
  defaults: defaultAppointmentSettingsBody,
  summary: '修改干部选拔任用设置',
};

const reserve: SettingDoc<ReserveSettings> = {
  key: 'cadre_reserve',
  schema: reserveSettingsSchema,
  defaults: defaultReserveSettings,
  summary: '修改后备干部设置（年龄条件、动态调整、挂职期限）',
};

/** Stored values merged over the defaults; a stored document that no longer validates falls back. */
async function read<T>(db: Db | Trx, doc: SettingDoc<T>): Promise<T> {
  const stored = await readSetting(db, doc.key);
  const parsed = doc.schema.safeParse({ ...doc.defaults, ...(stored as object | undefined) });
  return parsed.success ? parsed.data : doc.defaults;
}

async function write<T>(
  trx: Trx,
  doc: SettingDoc<T>,
  value: T,
  userId: number,
  now: Date,
  change: AuditChange,
): Promise<T> {
  Object.assign(change, {
    targetType: 'setting',
    targetId: doc.key,
    summary: doc.summary,
    before: await read(trx, doc),
    after: value,
  });
  await writeSetting(trx, doc.key, value, userId, now);
  return value;
}

export const getRuleSettings = (db: Db | Trx) => read(db, rules);
export const getSecurityPolicy = (db: Db | Trx) => read(db, security);
export const updateRuleSettings = (
  trx: Trx,
  value: RuleSettings,
  userId: number,
  now: Date,
  change: AuditChange,
) => write(trx, rules, value, userId, now, change);
/** 组织生活's conversion to 学时 and the party-work incentives (the trainings module reads and writes them). */
export const getTrainingSettings = (db: Db | Trx) => read(db, training);
export const updateTrainingSettings = (
  trx: Trx,
  value: TrainingSettings,
  userId: number,
  now: Date,
  change: AuditChange,
) => write(trx, training, value, userId, now, change);
/** 中层干部 terms and rotation (the cadres module reads and writes them). */
export const getCadreTermSettings = (db: Db | Trx) => read(db, cadreTerms);
export const updateCadreTermSettings = (
  trx: Trx,
  value: TermSettings,
  userId: number,
  now: Date,
  change: AuditChange,
) => write(trx, cadreTerms, value, userId, now, change);
/** The 年轻干部储备's age limits, yearly review and 挂职 terms (the cadre-reserve module reads and writes them). */
export const getReserveSettings = (db: Db | Trx) => read(db, reserve);
export const updateReserveSettings = (
  trx: Trx,
  value: ReserveSettings,
  userId: number,
  now: Date,
  change: AuditChange,
) => write(trx, reserve, value, userId, now, change);
export const updateSecurityPolicy = (
  trx: Trx,
  value: SecurityPolicy,
  userId: number,
  now: Date,
  change: AuditChange,
) => write(trx, security, value, userId, now, change);

/** The school's 启用日期 and the rules' own starts; before set-up there is no school to read. */
export async function getGoLiveSettings(db: Db | Trx): Promise<GoLiveSettings> {
  const value = await readGoLiveSettings(db);
  if (!value) throw new AppError('NOT_FOUND');
  return value;
}

/** Moves the go-live date (never past today) and the per-rule starts; the findings follow at once. */
export async function updateGoLiveSettings(
  trx: Trx,
  value: GoLiveSettings,
  today: IsoDate,
  change: AuditChange,
): Promise<GoLiveSettings> {
  const problems = checkGoLiveDate(value.goLiveDate, today);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `启用日期：${problems.join('；')}`, {
      fields: problems.map((message) => ({ path: 'goLiveDate', message })),
    });
  }
  Object.assign(change, {
    targetType: 'setting',
    targetId: 'go-live',
    summary: '修改启用日期',
    before: await getGoLiveSettings(trx),
    after: value,
  });
  await writeGoLiveSettings(trx, value);
  return value;
}

/** The school's 选拔任用 settings (the cadre-appointments module reads and writes them). */
export const getAppointmentSettings = (db: Db | Trx) => read(db, cadreAppointment);
export const updateAppointmentSettings = (
  trx: Trx,
  value: AppointmentSettingsBody,
  userId: number,
  now: Date,
  change: AuditChange,
) => write(trx, cadreAppointment, value, userId, now, change);
