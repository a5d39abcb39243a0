import { z } from 'zod';
import { ruleKinds, severities } from '../dictionaries.ts';
import { ruleIds } from '../rules/catalogue.ts';
import { idParam } from './common.ts';
import { complianceRateSchema } from './compliance.ts';

export const clauseSchema = z.object({ source: z.string(), article: z.string(), text: z.string() });

export const findingSchema = z.object({
  ruleId: z.enum(ruleIds as [string, ...string[]]),
  severity: z.enum(severities),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  message: z.string(),
  suggestion: z.string(),
  clause: clauseSchema,
  kind: z.enum(ruleKinds),
  dueDate: z.string().optional(),
  personId: z.number().optional(),
  period: z.string().optional(),
});

export const alertQuery = z.strictObject({
  orgId: idParam.optional(),
  ruleId: z.enum(ruleIds as [string, ...string[]]).optional(),
  severity: z.enum(severities).optional(),
});

export const alertList = z.object({
  items: z.array(findingSchema),
  counts: z.object({ error: z.number(), warning: z.number(), info: z.number(), total: z.number() }),
  byRule: z.array(z.object({ ruleId: z.string(), title: z.string(), count: z.number() })),
  today: z.string(),
});
export type AlertList = z.infer<typeof alertList>;

export const ruleCatalogueResponse = z.array(
  z.object({
    ruleId: z.string(),
    title: z.string(),
    kind: z.enum(ruleKinds),
    severity: z.enum(severities),
    clause: clauseSchema,
  }),
);

export const dashboardSchema = z.object({
  orgCounts: z.record(z.string(), z.number()),
  memberCounts: z.object({ total: z.number(), full: z.number(), probationary: z.number() }),
  alertCounts: z.object({ error: z.number(), warning: z.number(), info: z.number(), total: z.number() }),
  alertsByRule: z.array(z.object({ ruleId: z.string(), title: z.string(), count: z.number() })),
  termsEndingSoon: z.number(),
  /** Organisational-life completion this year per 党总支 (empty without life:activity:view). */
  complianceRates: z.array(complianceRateSchema),
  /** Deadlines and planned records of the next 14 days in scope (GET /api/compliance/reminders). */
  remindersCount: z.number(),
  /** 发展党员 deadlines overdue or reminding today in scope (0 without recruitment:dossier:view). */
  recruitmentDue: z.number(),
  today: z.string(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
