/** Responses of the compliance endpoints (合规矩阵, rates per 总支, reminders). */
import { z } from 'zod';
import { lifeItems } from '../activities/compliance.ts';
import { activityKinds, activityStatuses } from '../activities/dictionaries.ts';
import { orgTypes } from '../dictionaries.ts';

export const complianceCellStates = ['ok', 'partial', 'missing', 'open', 'none'] as const;
export type ComplianceCellStateCode = (typeof complianceCellStates)[number];
export const complianceCellStateLabels = {
  ok: '全部完成',
  partial: '部分缺项',
  missing: '缺项',
  open: '进行中',
  none: '无要求',
} as const satisfies Record<ComplianceCellStateCode, string>;

const heldCounts = z.partialRecord(z.enum(lifeItems), z.number());

/** One org in one column: what was held, what was due there, what is missing, and the state. */
export const complianceCellSchema = z.object({
  periodKey: z.string(),
  held: heldCounts,
  required: z.array(z.enum(lifeItems)),
  missing: z.array(z.enum(lifeItems)),
  state: z.enum(complianceCellStates),
});
export type ComplianceCellDto = z.infer<typeof complianceCellSchema>;

export const complianceRowSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  type: z.enum(orgTypes),
  parentId: z.number().nullable(),
  /** The 党总支 (or 党委, for 直属支部) the row is grouped under. */
  superiorId: z.number().nullable(),
  superiorName: z.string().nullable(),
  cells: z.array(complianceCellSchema),
  required: z.number(),
  met: z.number(),
  pending: z.number(),
  /** met / required; null when nothing was due. */
  rate: z.number().nullable(),
});
export type ComplianceRowDto = z.infer<typeof complianceRowSchema>;

export const complianceColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  start: z.string(),
  end: z.string(),
});

/** GET /api/compliance. */
export const complianceMatrixResponse = z.object({
  unit: z.enum(['month', 'quarter']),
  from: z.string(),
  to: z.string(),
  today: z.string(),
  columns: z.array(complianceColumnSchema),
  rows: z.array(complianceRowSchema),
});
export type ComplianceMatrixResponse = z.infer<typeof complianceMatrixResponse>;

/** GET /api/compliance/rates. */
export const complianceRatesQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const complianceRateSchema = z.object({
  superiorId: z.number().nullable(),
  superiorName: z.string().nullable(),
  orgCount: z.number(),
  required: z.number(),
  met: z.number(),
  rate: z.number().nullable(),
});
export type ComplianceRateDto = z.infer<typeof complianceRateSchema>;
export const complianceRatesResponse = z.object({
  year: z.number(),
  items: z.array(complianceRateSchema),
});
export type ComplianceRatesResponse = z.infer<typeof complianceRatesResponse>;

/** GET /api/compliance/reminders: deadlines of periods under way and planned records, next N days. */
export const complianceRemindersResponse = z.object({
  today: z.string(),
  days: z.number(),
  deadlines: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      item: z.enum(lifeItems),
      periodKey: z.string(),
      periodLabel: z.string(),
      dueDate: z.string(),
      daysLeft: z.number(),
      count: z.number(),
      needed: z.number(),
    }),
  ),
  planned: z.array(
    z.object({
      id: z.number(),
      orgId: z.number(),
      orgName: z.string(),
      kind: z.enum(activityKinds),
      title: z.string(),
      onDate: z.string(),
      status: z.enum(activityStatuses),
    }),
  ),
});
export type ComplianceReminders = z.infer<typeof complianceRemindersResponse>;
