import { z } from 'zod';
import { ruleKinds, severities } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import { ruleIds } from '../rules/catalogue.ts';
import { idParam, pageQuery } from './common.ts';
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

/** Filters of the alert list, shared by the page and the export. */
export const alertFilterQuery = z.strictObject({
  /** The org's subtree (checked against the caller's scope). */
  orgId: idParam.optional(),
  ruleId: z.enum(ruleIds as [string, ...string[]]).optional(),
  severity: z.enum(severities).optional(),
  /** National rules or the school's own (local) ones. */
  kind: z.enum(ruleKinds).optional(),
  /** Text in the org's name or the finding's message. */
  q: z.string().trim().max(limits.search.max).optional(),
  /** The period a finding is about, as findings name it ('2026-03', '2026-Q1', '2026-2027-1', '2026'). */
  period: z
    .string()
    .regex(/^\d{4}(-(\d{2}|Q[1-4]|\d{4}-[12]))?$/, {
      message: '期间格式应为 2026、2026-03、2026-Q1 或 2026-2027-1',
    })
    .optional(),
});
export type AlertFilter = z.infer<typeof alertFilterQuery>;

/** GET /api/alerts: the filters and the page. */
export const alertQuery = alertFilterQuery.extend(pageQuery.shape);

/** Counts for the filter chips: each over the findings matching every other filter (see the route). */
export const alertCountsSchema = z.object({
  bySeverity: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  byRule: z.array(
    z.object({ ruleId: z.string(), title: z.string(), severity: z.enum(severities), count: z.number() }),
  ),
});

export const alertList = z.object({
  items: z.array(findingSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: alertCountsSchema,
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
