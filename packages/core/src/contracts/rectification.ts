/**
 * Requests and answers of rectification items (整改事项): the list, the detail with its timeline and evidence,
 * and the bodies of creating, editing, transitions, evidence and progress notes.
 */
import { z } from 'zod';
import { orgTypes } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import {
  type RectificationRecordKind,
  rectificationEventKinds,
  rectificationEvidenceKinds,
  rectificationSources,
  rectificationStatuses,
  rectificationTransitions,
} from '../rectification/dictionaries.ts';
import { findingKeyPattern } from '../rules/finding-history.ts';
import { dbId, idParam, isoDate, pageQuery, requireChange, text } from './common.ts';

/** Field limits of rectification items, shared by the forms and the API. */
export const rectificationLimits = {
  problem: { min: 2, max: 1000 },
  clause: { max: 300 },
  sourceLabel: { max: 100 },
  measures: { max: 2000 },
  result: { max: 2000 },
  reason: { max: 500 },
  progress: { min: 2, max: 1000 },
  evidenceNote: { max: 200 },
  milestones: { max: 12 },
  milestoneTitle: { min: 2, max: 100 },
  assistingOrgs: { max: 10 },
  evidencePerItem: 30,
  /** Largest evidence file, in bytes (the same as an activity's attachment). */
  evidenceBytes: 10 * 1024 * 1024,
  fileName: { max: 120 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const rectificationFieldLabels = {
  source: '问题来源',
  sourceLabel: '来源说明',
  activityId: '提出问题的会议记录',
  problem: '问题',
  clause: '依据条款',
  responsiblePersonId: '责任人',
  assisting: '仅看协办事项',
  assistingOrgIds: '协办党组织',
  measures: '整改措施',
  result: '整改完成情况',
  deadline: '整改期限',
  milestones: '整改阶段',
  dueOn: '阶段完成期限',
  doneOn: '阶段完成日期',
  transition: '操作',
  reason: '理由',
  until: '期限',
  recordId: '关联记录',
  findingKey: '预警',
  fileName: '文件名',
  note: '说明',
  overdue: '仅看逾期',
  campaignId: '问题清单',
} as const;

const optionalText = (max: number) => text(1, max).nullable().default(null);
const version = z.int().min(0);

/** One step of a 长期整改 item. */
export const rectificationMilestoneInput = z.strictObject({
  title: text(rectificationLimits.milestoneTitle.min, rectificationLimits.milestoneTitle.max),
  dueOn: isoDate,
  doneOn: isoDate.nullable().default(null),
});

const milestones = z.array(rectificationMilestoneInput).max(rectificationLimits.milestones.max);

const assistingOrgIds = z
  .array(dbId)
  .max(rectificationLimits.assistingOrgs.max)
  .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' });

/** GET /api/rectifications: filters and the page. */
export const rectificationListQuery = z
  .strictObject({
    /** The org's subtree (checked against the caller's scope). */
    orgId: idParam.optional(),
    source: z.enum(rectificationSources).optional(),
    status: z.enum(rectificationStatuses).optional(),
    /** Only items past their next due date while still being rectified. */
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /**
     * Only the items the caller assists (协办): their org lies outside the caller's scope and one of their 协办 orgs
     * inside it (under `orgId` when given). Without it, the items of the orgs in scope.
     */
    assisting: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    responsiblePersonId: idParam.optional(),
    /** The items opened from this finding of 监测预警 (the alert's page asks whether one is open). */
    findingKey: z.string().max(200).regex(findingKeyPattern, { message: '预警编号格式不正确' }).optional(),
    /** Text in the problem, the measures or the org's name. */
    q: z.string().trim().max(limits.search.max).optional(),
    /** The items registered with this campaign's problem lists (问题清单). */
    campaignId: idParam.optional(),
  })
  .extend(pageQuery.shape);
export type RectificationListQuery = z.output<typeof rectificationListQuery>;

/**
 * POST /api/rectifications: an item entered by hand (自查, 上级督查, a problem raised in a 组织生活会 …). Items
 * from 监测预警 are opened from the alert (POST /api/alerts/{key}/rectification); the source is then `finding`.
 */
export const createRectificationBody = z.strictObject({
  orgId: dbId,
  source: z
    .enum(rectificationSources)
    .refine((s) => s !== 'finding', { message: '来自监测预警的问题请在预警详情中生成整改事项' }),
  /** What the source was, in words (e.g. 2026年上级党建工作督查). */
  sourceLabel: optionalText(rectificationLimits.sourceLabel.max),
  /** The 组织生活会/民主生活会 record (or the record checked) in which the problem was raised. */
  activityId: dbId.nullable().default(null),
  problem: text(rectificationLimits.problem.min, rectificationLimits.problem.max),
  clause: optionalText(rectificationLimits.clause.max),
  responsiblePersonId: dbId.nullable().default(null),
  assistingOrgIds: assistingOrgIds.default([]),
  measures: optionalText(rectificationLimits.measures.max),
  deadline: isoDate,
  milestones: milestones.default([]),
  /** The campaign whose problem list the item is registered with (问题清单); the item takes its source. */
  campaignId: dbId.nullable().default(null),
});
export type CreateRectificationBody = z.input<typeof createRectificationBody>;
export type CreateRectification = z.output<typeof createRectificationBody>;

/** POST /api/alerts/{key}/rectification: org, problem, clause and (by default) deadline and 责任人 come from the finding. */
export const rectificationFromFindingBody = z.strictObject({
  /** Default: the finding's due date when not past, else 30 days from today. */
  deadline: isoDate.optional(),
  /** Default: the person the finding is assigned to. */
  responsiblePersonId: dbId.nullable().optional(),
});
export type RectificationFromFindingBody = z.input<typeof rectificationFromFindingBody>;

/**
 * PATCH /api/rectifications/{id}, with the version read. The org that rectifies edits measures, result,
 * 责任人, 协办 orgs and milestones while the item is pending or in progress; the level above corrects the
 * problem, clause and deadline while it is pending (later the deadline moves only by an extension).
 */
export const updateRectificationBody = requireChange(
  z.strictObject({
    problem: text(rectificationLimits.problem.min, rectificationLimits.problem.max).optional(),
    clause: text(1, rectificationLimits.clause.max).nullable().optional(),
    deadline: isoDate.optional(),
    measures: text(1, rectificationLimits.measures.max).nullable().optional(),
    result: text(1, rectificationLimits.result.max).nullable().optional(),
    responsiblePersonId: dbId.nullable().optional(),
    assistingOrgIds: assistingOrgIds.optional(),
    milestones: milestones.optional(),
    version,
  }),
);
export type UpdateRectificationBody = z.input<typeof updateRectificationBody>;
export type UpdateRectification = z.output<typeof updateRectificationBody>;

/** POST /api/rectifications/{id}/transitions. `until`: the new deadline asked for (延期) or set (回头看). */
export const rectificationTransitionBody = z.strictObject({
  transition: z.enum(rectificationTransitions),
  reason: text(1, rectificationLimits.reason.max).optional(),
  until: isoDate.optional(),
  /** The version read; when sent, a changed item is refused (409) rather than acted on. */
  version: version.optional(),
});
export type RectificationTransitionBody = z.input<typeof rectificationTransitionBody>;

const evidenceNote = optionalText(rectificationLimits.evidenceNote.max);
const recordLink = <K extends RectificationRecordKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), recordId: dbId, note: evidenceNote });

/** POST /api/rectifications/{id}/evidence: a record of the platform that proves the rectification. */
export const rectificationEvidenceBody = z.discriminatedUnion('kind', [
  recordLink('activity'),
  recordLink('term'),
  recordLink('recruitment_step'),
  recordLink('transfer'),
  z.strictObject({
    kind: z.literal('finding'),
    findingKey: z.string().max(200).regex(findingKeyPattern, { message: '预警编号格式不正确' }),
    note: evidenceNote,
  }),
]);
export type RectificationEvidenceBody = z.input<typeof rectificationEvidenceBody>;
export type RectificationEvidenceLink = z.output<typeof rectificationEvidenceBody>;

/** Query of an evidence file upload (the body is the file): only where nothing recorded proves it, so say why. */
export const rectificationEvidenceFileQuery = z.strictObject({
  fileName: text(1, rectificationLimits.fileName.max),
  note: text(2, rectificationLimits.evidenceNote.max),
});

/** POST /api/rectifications/{id}/progress: a progress note on the timeline. */
export const rectificationProgressBody = z.strictObject({
  note: text(rectificationLimits.progress.min, rectificationLimits.progress.max),
});

export const rectificationEvidenceParams = z.strictObject({ id: idParam, evidenceId: idParam });

const personRef = z.object({ id: z.number(), name: z.string() });
const orgRef = z.object({ id: z.number(), name: z.string() });

/** An item as lists show it. */
export const rectificationItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  source: z.enum(rectificationSources),
  sourceLabel: z.string().nullable(),
  /** The finding the item was opened from (source 监测预警). */
  findingKey: z.string().nullable(),
  /** The meeting record in which the problem was raised (组织生活会, 督促检查). */
  activityId: z.number().nullable(),
  problem: z.string(),
  responsiblePerson: personRef.nullable(),
  status: z.enum(rectificationStatuses),
  deadline: z.string(),
  /** The deadline first set; extensions never change it. */
  originalDeadline: z.string(),
  extensions: z.number(),
  extensionRequest: z.object({ until: z.string(), reason: z.string() }).nullable(),
  /** The earliest open milestone, else the deadline. */
  nextDue: z.string(),
  overdue: z.boolean(),
  /** The caller sees the item only as one of its 协办 orgs: they read it and report progress, nothing more. */
  assisting: z.boolean(),
  reopenCount: z.number(),
  milestoneCount: z.number(),
  milestonesDone: z.number(),
  evidenceCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type RectificationItem = z.infer<typeof rectificationItem>;

export const rectificationPage = z.object({
  items: z.array(rectificationItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});

/** One piece of evidence: a linked record (with its title, date and the page that shows it) or a file. */
export const rectificationEvidence = z.object({
  id: z.number(),
  kind: z.enum(rectificationEvidenceKinds),
  /** The linked record's id (activity, term, dossier step, transfer); null for a finding or a file. */
  recordId: z.number().nullable(),
  findingKey: z.string().nullable(),
  title: z.string(),
  /** The record's day (meeting, term start, step, transfer request, finding resolved). */
  date: z.string().nullable(),
  /** Where the web shows the record, e.g. /activities/12; null for a file (downloaded instead). */
  path: z.string().nullable(),
  note: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().nullable(),
  addedByName: z.string(),
  addedAt: z.string(),
});
export type RectificationEvidence = z.infer<typeof rectificationEvidence>;

/** One entry of an item's timeline. */
export const rectificationEvent = z.object({
  at: z.string(),
  kind: z.enum(rectificationEventKinds),
  actorName: z.string().nullable(),
  fromStatus: z.enum(rectificationStatuses).nullable(),
  toStatus: z.enum(rectificationStatuses).nullable(),
  note: z.string().nullable(),
  /** The date the step set or asked for (延期至, the deadline of a reopened item). */
  until: z.string().nullable(),
});
export type RectificationEvent = z.infer<typeof rectificationEvent>;

/** What the caller may do now (core `allowedRectificationActions`), plus correcting the problem and deadline. */
export const rectificationAbilities = z.object({
  start: z.boolean(),
  submit: z.boolean(),
  verify: z.boolean(),
  return: z.boolean(),
  request_extension: z.boolean(),
  approve_extension: z.boolean(),
  reject_extension: z.boolean(),
  reopen: z.boolean(),
  /** Measures, result, 责任人, 协办, milestones, progress notes and evidence. */
  edit: z.boolean(),
  /** A progress note: the org that rectifies, or a 协办 org reporting its part, while being rectified. */
  progress: z.boolean(),
  /** Problem, clause and deadline (the level above, while pending). */
  editTerms: z.boolean(),
});
export type RectificationAbilities = z.infer<typeof rectificationAbilities>;

export const rectificationDetail = rectificationItem.extend({
  clause: z.string().nullable(),
  measures: z.string().nullable(),
  result: z.string().nullable(),
  assistingOrgs: z.array(orgRef),
  /** The 巡察 round whose feedback raised the problem (source 巡察反馈); the item's org is the unit inspected. */
  inspection: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The meeting record in which the problem was raised. */
  activity: z.object({ id: z.number(), title: z.string(), onDate: z.string() }).nullable(),
  /** A reference to the source record of later kinds (a 巡察 feedback item, an assessment). */
  sourceRef: z.string().nullable(),
  /** The campaign whose problem list holds the item (问题清单). */
  campaign: z.object({ id: z.number(), name: z.string() }).nullable(),
  milestones: z.array(z.object({ title: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
  evidence: z.array(rectificationEvidence),
  events: z.array(rectificationEvent),
  abilities: rectificationAbilities,
  /** Who verifies and closes the item: the 总支 for its branches, the 组织部 (the committee) otherwise. */
  verifier: z.object({ level: z.enum(['parent', 'committee']), orgId: z.number(), orgName: z.string() }),
  createdByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type RectificationDetail = z.infer<typeof rectificationDetail>;

/** GET /api/rectifications/board: the items under an org (default: the caller's whole scope). */
export const rectificationBoardQuery = z.strictObject({ orgId: idParam.optional() });

/** Items by status, and how many of those still being rectified are overdue. */
const rectificationCounts = z.object({
  byStatus: z.record(z.enum(rectificationStatuses), z.number()),
  overdue: z.number(),
  total: z.number(),
});
export type RectificationCounts = z.infer<typeof rectificationCounts>;

/**
 * The 组织部's board: items per 党总支 / 直属党支部 (and the 党委本级), per source, and in all; the units with
 * the most overdue first.
 */
export const rectificationBoard = z.object({
  units: z.array(
    rectificationCounts.extend({
      org: z.object({ id: z.number(), name: z.string(), type: z.enum(orgTypes) }),
      /** The 党委's own items (not those of the orgs below it). */
      own: z.boolean(),
    }),
  ),
  sources: z.array(rectificationCounts.extend({ source: z.enum(rectificationSources) })),
  totals: rectificationCounts,
  today: z.string(),
});
export type RectificationBoard = z.infer<typeof rectificationBoard>;
