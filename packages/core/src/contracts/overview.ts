/**
 * GET /api/overview: 党建工作概览 for the 校领导 and the 组织部 — key figures beside the same figure on the same
 * day a year earlier, the open findings per unit under the 党委, completion of organisational life per 党总支
 * and the 发展党员 pipeline. Every number carries the link of the list that counts exactly the same items.
 */
import { z } from 'zod';
import { orgTypes, severities } from '../dictionaries.ts';
import { recruitmentStages } from '../recruitment/dictionaries.ts';

export const overviewQuery = z.strictObject({
  /** The year the figures are about; default this year (figures to today, compared with the same day last year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type OverviewQuery = z.input<typeof overviewQuery>;

/** The list pages a figure can open; the web maps each to its route. */
export const overviewListPages = [
  'members',
  'orgs',
  'recruitment',
  'activities',
  'compliance',
  'alerts',
  'rectifications',
  'supervised-tasks',
] as const;
export type OverviewListPage = (typeof overviewListPages)[number];

/** A list page and the query parameters under which its total is the figure. */
export const overviewLink = z.object({
  page: z.enum(overviewListPages),
  params: z.record(z.string(), z.string()),
});
export type OverviewLink = z.infer<typeof overviewLink>;

export const overviewFigureGroups = ['members', 'orgs', 'recruitment', 'life', 'followup'] as const;
export type OverviewFigureGroup = (typeof overviewFigureGroups)[number];
export const overviewFigureGroupLabels = {
  members: '党员队伍',
  orgs: '党组织',
  recruitment: '发展党员',
  life: '组织生活',
  followup: '整改与督办',
} as const satisfies Record<OverviewFigureGroup, string>;

/** One key figure. A `rate` is met ÷ due (0–1) and null when nothing was due. */
export const overviewFigure = z.object({
  key: z.string(),
  group: z.enum(overviewFigureGroups),
  label: z.string(),
  kind: z.enum(['count', 'rate']),
  /** 人, 个, 次… (empty for a rate). */
  unit: z.string(),
  value: z.number().nullable(),
  /** The same figure on the same day a year earlier; null when the records cannot tell (then `note` says why). */
  lastYear: z.number().nullable(),
  /** A rate's parts in words ('完成 120 / 应完成 140 项'). */
  detail: z.string().nullable(),
  /** The list counting exactly these items; null when no list can (a past year's roster). */
  link: overviewLink.nullable(),
  note: z.string().nullable(),
});
export type OverviewFigure = z.infer<typeof overviewFigure>;

const severityCounts = z.object(
  Object.fromEntries(severities.map((s) => [s, z.number()])) as Record<
    (typeof severities)[number],
    z.ZodNumber
  >,
);
const severityLinks = z.object(
  Object.fromEntries(severities.map((s) => [s, overviewLink])) as Record<
    (typeof severities)[number],
    typeof overviewLink
  >,
);

/** Open findings (待处理 and 已确认) of one unit under the 党委: a 党总支 or 直属党支部 with its subtree, or 党委本级. */
export const overviewFindingUnit = z.object({
  org: z.object({ id: z.number(), name: z.string(), type: z.enum(orgTypes) }),
  /** True for 党委本级: the committee's own findings, not those of the units below it. */
  own: z.boolean(),
  counts: severityCounts,
  total: z.number(),
  links: severityLinks,
  totalLink: overviewLink,
});
export type OverviewFindingUnit = z.infer<typeof overviewFindingUnit>;

/** Completion of organisational life in one rate group (a 党总支, or the 党委 with its 直属党支部). */
export const overviewCompletion = z.object({
  superiorId: z.number().nullable(),
  name: z.string(),
  orgCount: z.number(),
  required: z.number(),
  met: z.number(),
  rate: z.number().nullable(),
  /** The group's rate on the same day a year earlier (null when nothing was due then, or the group is new). */
  lastYearRate: z.number().nullable(),
  link: overviewLink,
});
export type OverviewCompletion = z.infer<typeof overviewCompletion>;

/** Open 发展党员 dossiers in one stage. */
export const overviewPipelineStage = z.object({
  stage: z.enum(recruitmentStages),
  label: z.string(),
  count: z.number(),
  link: overviewLink,
});

export const overviewResponse = z.object({
  year: z.number(),
  today: z.string(),
  /** The day the year's figures run to: today in the current year, else 31 December. */
  asOf: z.string(),
  /** The same day a year earlier, which `lastYear` figures are taken on. */
  lastYearAsOf: z.string(),
  figures: z.array(overviewFigure),
  /** Open findings now, per unit under the 党委, most serious first; and their totals. */
  findings: z.object({
    units: z.array(overviewFindingUnit),
    totals: severityCounts.extend({ total: z.number() }),
    totalLinks: severityLinks,
  }),
  /** Completion of organisational life in the year to `asOf`, per 党总支 (lowest rate first). */
  completion: z.array(overviewCompletion),
  /** Open dossiers per stage now. */
  pipeline: z.array(overviewPipelineStage),
});
export type Overview = z.infer<typeof overviewResponse>;
