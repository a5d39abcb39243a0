import { z } from 'zod';
import { ruleKinds, severities } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import { ruleIds } from '../rules/catalogue.ts';
import { findingEventKinds, findingKeyPattern, findingStates } from '../rules/finding-history.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';
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
  subject: z.string().optional(),
});

/** The write whose record resolved a finding (from its audit entry), when a write did. */
export const findingCauseSchema = z.object({
  auditId: z.number().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  summary: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type FindingCause = z.infer<typeof findingCauseSchema>;

/** A stored finding: what was found, with its identity and where it stands. */
export const alertItemSchema = findingSchema.extend({
  key: z.string(),
  state: z.enum(findingStates),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** The write that resolved it; null when the daily evaluation did (time passed) or it is not resolved. */
  resolvedBy: findingCauseSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  ackComment: z.string().nullable(),
  assignee: z.object({ personId: z.number(), name: z.string() }).nullable(),
  /** How many times it was found again after being resolved. */
  reopenCount: z.number(),
});
export type AlertItem = z.infer<typeof alertItemSchema>;

/** Which findings by state: the default lists what is still open (待处理 and 已确认). */
export const alertStateFilters = ['active', 'open', 'acknowledged', 'resolved', 'all'] as const;
export type AlertStateFilter = (typeof alertStateFilters)[number];

/** Filters of the alert list, shared by the page and the export. */
export const alertFilterQuery = z.strictObject({
  /** The org's subtree (checked against the caller's scope). */
  orgId: idParam.optional(),
  /** With orgId: that org's own findings only, not those of the orgs below it (e.g. 党委本级). */
  orgOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
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
  /** 待处理 and 已确认 unless asked otherwise. */
  state: z.enum(alertStateFilters).default('active'),
  /** First found on or after / on or before this day (Asia/Shanghai). */
  appearedFrom: isoDate.optional(),
  appearedTo: isoDate.optional(),
  /** Assigned to this person. */
  assigneeId: idParam.optional(),
});
export type AlertFilter = z.infer<typeof alertFilterQuery>;

/** GET /api/alerts: the filters and the page. */
export const alertQuery = alertFilterQuery.extend(pageQuery.shape);

/** Counts for the filter chips: each over the findings matching every other filter (see the route). */
export const alertCountsSchema = z.object({
  bySeverity: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  byState: z.object({ open: z.number(), acknowledged: z.number(), resolved: z.number() }),
  byRule: z.array(
    z.object({ ruleId: z.string(), title: z.string(), severity: z.enum(severities), count: z.number() }),
  ),
});

export const alertList = z.object({
  items: z.array(alertItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: alertCountsSchema,
  today: z.string(),
  /** When the findings were last brought up to date (a full evaluation or a write's re-evaluation). */
  evaluatedAt: z.string().nullable(),
});
export type AlertList = z.infer<typeof alertList>;

export const alertKeyParams = z.strictObject({
  key: z.string().max(200).regex(findingKeyPattern, { message: '预警编号格式不正确' }),
});

export const findingEventSchema = z.object({
  at: z.string(),
  kind: z.enum(findingEventKinds),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  /** The assignee named by an assignment, the severity moved to, the write that resolved it. */
  assigneeName: z.string().nullable(),
  severity: z.string().nullable(),
  cause: findingCauseSchema.nullable(),
  /** The rectification item opened from the finding or closed (销号): its id, for a link to it. */
  rectificationId: z.number().nullable(),
});
export type FindingEvent = z.infer<typeof findingEventSchema>;

/** GET /api/alerts/{key}: the finding, its history (oldest first) and what the caller may do. */
export const alertDetail = z.object({
  item: alertItemSchema,
  events: z.array(findingEventSchema),
  abilities: z.object({ acknowledge: z.boolean(), assign: z.boolean() }),
});
export type AlertDetail = z.infer<typeof alertDetail>;

export const acknowledgeAlertBody = z.strictObject({ comment: text(1, 500) });
export const assignAlertBody = z.strictObject({
  /** The person responsible, or null to withdraw the assignment. */
  personId: dbId.nullable(),
  comment: text(0, 500).optional(),
});

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
