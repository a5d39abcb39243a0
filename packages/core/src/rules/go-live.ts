/**
 * When the rules start to count. A school set up today (or one that moved its records in) must not be
 * told of organisational life it "missed" in months before it used the platform: each school has a
 * 启用日期 (go-live date), and a rule adopted later may have its own start.
 */
import { z } from 'zod';
import { parsePeriodKey } from '../activities/periods.ts';
import { isoDate } from '../contracts/common.ts';
import type { IsoDate } from '../dates.ts';
import { type RuleId, ruleIds } from './catalogue.ts';
import type { Finding } from './org-rules.ts';

/** The go-live date and the later starts of single rules, as the 组织部 sets them. */
export const goLiveSettingsSchema = z.strictObject({
  /** 启用日期: no finding is reported for a period that ended before it. Never in the future. */
  goLiveDate: isoDate,
  /** Rules adopted after go-live, each from its own day (may be in the future: adopted from next term). */
  ruleStarts: z
    .array(z.strictObject({ ruleId: z.enum(ruleIds as [RuleId, ...RuleId[]]), startsOn: isoDate }))
    .max(ruleIds.length)
    .refine((list) => new Set(list.map((r) => r.ruleId)).size === list.length, {
      message: '同一规则只能设一个启用日期',
    }),
});
export type GoLiveSettings = z.infer<typeof goLiveSettingsSchema>;

/** Chinese names of the go-live settings' fields, for forms and error messages. */
export const goLiveFieldLabels = {
  goLiveDate: '启用日期',
  ruleStarts: '规则单独启用日期',
  startsOn: '规则启用日期',
} as const;

/** Problems with a go-live date on `today`, in Chinese; empty when it may be used. */
export function checkGoLiveDate(goLiveDate: IsoDate, today: IsoDate): string[] {
  return goLiveDate > today ? ['启用日期不能晚于今天'] : [];
}

/** The first day `ruleId` counts: the later of the go-live date and the rule's own start. */
export function ruleStartDate(settings: GoLiveSettings, ruleId: RuleId): IsoDate {
  const own = settings.ruleStarts.find((r) => r.ruleId === ruleId)?.startsOn;
  return own && own > settings.goLiveDate ? own : settings.goLiveDate;
}

/**
 * The last day a finding is about: the last day of its period; for a finding without one — a state
 * of today such as a term overdue, an open request or a 发展党员 step past its deadline — today. A
 * deadline that passed before go-live is still reported: the thing is still undone today.
 */
export function findingEndDate(finding: Pick<Finding<RuleId>, 'period'>, today: IsoDate): IsoDate {
  const period = finding.period ? parsePeriodKey(finding.period) : null;
  return period ? period.end : today;
}

/**
 * Whether a finding is reported: the day it is about ends on or after its rule's first day (a period
 * ending the day before go-live is dropped, one ending on it or running past it is kept).
 */
export function isReportable(
  finding: Pick<Finding<RuleId>, 'ruleId' | 'period'>,
  settings: GoLiveSettings,
  today: IsoDate,
): boolean {
  return findingEndDate(finding, today) >= ruleStartDate(settings, finding.ruleId);
}
