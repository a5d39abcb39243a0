/**
 * Requests and answers of rectification campaigns (问题清单): the list of campaigns, issuing one, its detail with
 * the progress of every participating org in the caller's scope, and the bodies of submitting a problem list, a
 * summary report (整改总结) and returning either.
 */
import { z } from 'zod';
import { orgTypes } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import {
  campaignEventKinds,
  campaignKinds,
  campaignParts,
  campaignSubmissionStatuses,
} from '../rectification/campaign.ts';
import { rectificationSources, rectificationStatuses } from '../rectification/dictionaries.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';

/** Field limits of campaigns, shared by the forms and the API. */
export const campaignLimits = {
  name: { min: 4, max: 100 },
  description: { max: 2000 },
  /** The orgs chosen when issuing (总支 bring their branches with them). */
  orgs: { max: 500 },
  note: { max: 500 },
  summary: { min: 20, max: 5000 },
  reason: { min: 2, max: 500 },
  year: { min: 2000, max: 2100 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const campaignFieldLabels = {
  name: '问题清单名称',
  year: '年度',
  kind: '类型',
  orgIds: '参加的党组织',
  listDueOn: '问题清单报送截止日期',
  summaryDueOn: '整改总结报送截止日期',
  description: '工作要求',
  noProblems: '经自查未发现问题',
  note: '说明',
  summary: '整改总结',
  reason: '退回理由',
  part: '退回内容',
  campaignId: '问题清单',
  orgId: '党组织',
  status: '报送情况',
  q: '关键词',
} as const;

const version = z.int().min(0);

/** GET /api/rectification-campaigns: filters and the page. */
export const campaignListQuery = z
  .strictObject({
    year: z.coerce.number().int().min(campaignLimits.year.min).max(campaignLimits.year.max).optional(),
    /** Text in the campaign's name. */
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type CampaignListQuery = z.output<typeof campaignListQuery>;

/**
 * POST /api/rectification-campaigns: the 组织部 issues a campaign to the orgs chosen — a 党总支 takes part with
 * each of its branches, a 党支部 alone — with the dates its problem list and its summary report are due.
 */
export const createCampaignBody = z.strictObject({
  name: text(campaignLimits.name.min, campaignLimits.name.max),
  year: z.int().min(campaignLimits.year.min).max(campaignLimits.year.max),
  kind: z.enum(campaignKinds),
  orgIds: z
    .array(dbId)
    .min(1, { message: '至少选择一个党组织' })
    .max(campaignLimits.orgs.max)
    .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' }),
  listDueOn: isoDate,
  summaryDueOn: isoDate,
  description: text(1, campaignLimits.description.max).nullable().default(null),
});
export type CreateCampaignBody = z.input<typeof createCampaignBody>;
export type CreateCampaign = z.output<typeof createCampaignBody>;

/** The path of one participating org of a campaign. */
export const campaignOrgParams = z.strictObject({ id: idParam, orgId: idParam });

/**
 * POST /api/rectification-campaigns/{id}/orgs/{orgId}/list: the org submits its problem list — the items it
 * registered with the campaign, or none with the statement that its self-check found none.
 */
export const submitCampaignListBody = z.strictObject({
  noProblems: z.boolean().default(false),
  note: text(1, campaignLimits.note.max).nullable().default(null),
  /** The version of the org's row read; when sent, a changed row is refused (409). */
  version: version.optional(),
});
export type SubmitCampaignListBody = z.input<typeof submitCampaignListBody>;

/**
 * POST /api/rectification-campaigns/{id}/orgs/{orgId}/summary: the org's summary report; its figures are counted
 * from the items when it is submitted, never typed.
 */
export const submitCampaignSummaryBody = z.strictObject({
  summary: text(campaignLimits.summary.min, campaignLimits.summary.max),
  version: version.optional(),
});
export type SubmitCampaignSummaryBody = z.input<typeof submitCampaignSummaryBody>;

/** POST /api/rectification-campaigns/{id}/orgs/{orgId}/return: the level above returns the list or the summary. */
export const returnCampaignBody = z.strictObject({
  part: z.enum(campaignParts),
  reason: text(campaignLimits.reason.min, campaignLimits.reason.max),
  version: version.optional(),
});
export type ReturnCampaignBody = z.input<typeof returnCampaignBody>;

const orgRef = z.object({ id: z.number(), name: z.string() });

/** The figures of a problem list: items, 已销号, 整改中 (not yet closed), of those overdue. */
export const campaignFigures = z.object({
  items: z.number(),
  closed: z.number(),
  open: z.number(),
  overdue: z.number(),
});

/** How many participating orgs (in the caller's scope) have submitted, are late, or have not. */
export const campaignProgress = z.object({
  orgs: z.number(),
  listSubmitted: z.number(),
  listOverdue: z.number(),
  summarySubmitted: z.number(),
  summaryOverdue: z.number(),
  figures: campaignFigures,
});
export type CampaignProgress = z.infer<typeof campaignProgress>;

/** A campaign as the list shows it, with the progress of the orgs in the caller's scope. */
export const campaignItem = z.object({
  id: z.number(),
  name: z.string(),
  year: z.number(),
  kind: z.enum(campaignKinds),
  /** The source its problem lists' items get. */
  itemSource: z.enum(rectificationSources),
  issuerOrg: orgRef,
  issuedOn: z.string(),
  listDueOn: z.string(),
  summaryDueOn: z.string(),
  progress: campaignProgress,
  /** The row of the org the caller's role is granted on, when it takes part (a secretary's own org). */
  ownRow: z
    .object({
      orgId: z.number(),
      listStatus: z.enum(campaignSubmissionStatuses),
      summaryStatus: z.enum(campaignSubmissionStatuses),
    })
    .nullable(),
  version: z.number(),
});
export type CampaignItem = z.infer<typeof campaignItem>;

export const campaignPage = z.object({
  items: z.array(campaignItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});

/** What the caller may do with one participating org (core `allowedCampaignActions`). */
export const campaignRowAbilities = z.object({
  submit_list: z.boolean(),
  return_list: z.boolean(),
  submit_summary: z.boolean(),
  return_summary: z.boolean(),
  /** Register items with the org's list (its own secretaries, until the list is submitted). */
  registerItems: z.boolean(),
});
export type CampaignRowAbilities = z.infer<typeof campaignRowAbilities>;

/** One entry of a participating org's history: submitted, returned (with the reason), submitted again. */
export const campaignEvent = z.object({
  at: z.string(),
  kind: z.enum(campaignEventKinds),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export type CampaignEvent = z.infer<typeof campaignEvent>;

/** One participating org: its list and summary, figures from the records, history and what the caller may do. */
export const campaignRow = z.object({
  org: z.object({ id: z.number(), name: z.string(), type: z.enum(orgTypes) }),
  /** The 党总支 a branch belongs to (null for a 总支 or a 直属党支部). */
  parentName: z.string().nullable(),
  listStatus: z.enum(campaignSubmissionStatuses),
  listSubmittedAt: z.string().nullable(),
  listSubmittedBy: z.string().nullable(),
  /** The list was submitted empty with the statement 经自查未发现问题. */
  noProblems: z.boolean(),
  listNote: z.string().nullable(),
  /** The last return of the list not yet followed by a new submission. */
  listReturn: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  summaryStatus: z.enum(campaignSubmissionStatuses),
  summarySubmittedAt: z.string().nullable(),
  summarySubmittedBy: z.string().nullable(),
  summary: z.string().nullable(),
  /** The figures as they stood when the summary was submitted. */
  summaryFigures: campaignFigures.nullable(),
  summaryReturn: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  /** The figures of the org's items today. */
  figures: campaignFigures,
  /** The org's problems: the items registered with its list, oldest first. */
  items: z.array(
    z.object({
      id: z.number(),
      problem: z.string(),
      status: z.enum(rectificationStatuses),
      /** The earliest open milestone, else the deadline. */
      nextDue: z.string(),
      overdue: z.boolean(),
      responsiblePersonName: z.string().nullable(),
    }),
  ),
  events: z.array(campaignEvent),
  abilities: campaignRowAbilities,
  version: z.number(),
});
export type CampaignRow = z.infer<typeof campaignRow>;

/** GET /api/rectification-campaigns/{id}: the campaign and its participating orgs in the caller's scope, those not submitted first. */
export const campaignDetail = campaignItem.extend({
  description: z.string().nullable(),
  createdByName: z.string().nullable(),
  rows: z.array(campaignRow),
  today: z.string(),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;
