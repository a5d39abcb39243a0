/**
 * Requests and answers of 巡察 (inspections): a round with its units and team, the feedback of a unit (its problems
 * become rectification items), the unit's 整改报告, the 巡察办's return of it and the 回头看.
 */
import { z } from 'zod';
import { orgTypes } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import { rectificationStatuses } from '../rectification/dictionaries.ts';
import {
  inspectionEventKinds,
  inspectionKinds,
  inspectionLookbackOutcomes,
  inspectionMonths,
  inspectionTeamRoles,
  inspectionUnitStatuses,
} from '../rectification/inspection.ts';
import { dbId, idParam, isoDate, pageQuery, requireChange, text } from './common.ts';

/** Field limits of a round and its steps, shared by the forms and the API. */
export const inspectionLimits = {
  name: { min: 4, max: 60 },
  focus: { max: 500 },
  units: { max: 40 },
  team: { max: 15 },
  memberName: { min: 2, max: 20 },
  memberTitle: { max: 40 },
  summary: { max: 2000 },
  problems: { max: 30 },
  problem: { min: 2, max: 1000 },
  clause: { max: 300 },
  report: { min: 20, max: 5000 },
  reason: { min: 2, max: 500 },
  note: { min: 2, max: 2000 },
  verdicts: { max: 60 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts reads them on /api/inspections). */
export const inspectionFieldLabels = {
  name: '巡察名称',
  kind: '巡察类型',
  startsOn: '巡察开始日期',
  endsOn: '巡察结束日期',
  focus: '巡察重点',
  orgIds: '被巡察单位',
  team: '巡察组',
  role: '组内职务',
  title: '单位职务',
  personId: '人员',
  reportMonths: '整改报告期限（月）',
  lookbackMonths: '回头看时间（月）',
  feedbackOn: '反馈日期',
  summary: '反馈意见',
  problems: '反馈问题',
  problem: '问题',
  clause: '依据条款',
  responsiblePersonId: '责任人',
  deadline: '整改期限',
  report: '整改报告',
  reason: '退回理由',
  lookbackOn: '回头看日期',
  note: '回头看情况',
  verdicts: '已销号问题的判定',
  rectificationId: '整改事项',
  outcome: '判定',
  until: '重新整改期限',
  orgId: '被巡察单位',
} as const;

const version = z.int().min(0);
const optionalText = (max: number) => text(1, max).nullable().default(null);

/** One person of the 巡察组: a role, a name as typed and, optionally, the person in the platform it names. */
export const inspectionTeamMemberInput = z.strictObject({
  role: z.enum(inspectionTeamRoles),
  name: text(inspectionLimits.memberName.min, inspectionLimits.memberName.max),
  /** Where they work, e.g. 纪委办公室主任 (the team comes from several offices). */
  title: optionalText(inspectionLimits.memberTitle.max),
  /** When linked, checked against the caller's scope; the name is then the person's own. */
  personId: dbId.nullable().default(null),
});

const team = z.array(inspectionTeamMemberInput).min(1).max(inspectionLimits.team.max);
const orgIds = z
  .array(dbId)
  .min(1)
  .max(inspectionLimits.units.max)
  .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' });
const reportMonths = z.int().min(inspectionMonths.report.min).max(inspectionMonths.report.max);
const lookbackMonths = z.int().min(inspectionMonths.lookback.min).max(inspectionMonths.lookback.max);

/** GET /api/inspections: filters and the page. */
export const inspectionListQuery = z
  .strictObject({
    kind: z.enum(inspectionKinds).optional(),
    /** Text in the round's name. */
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type InspectionListQuery = z.output<typeof inspectionListQuery>;

/** POST /api/inspections: a round, by the 巡察办 (组织部). */
export const createInspectionBody = z.strictObject({
  name: text(inspectionLimits.name.min, inspectionLimits.name.max),
  kind: z.enum(inspectionKinds),
  startsOn: isoDate,
  endsOn: isoDate,
  /** What the round looks at (巡察重点; the subject of a 专项巡察). */
  focus: optionalText(inspectionLimits.focus.max),
  /** The units inspected: 党总支 and 直属党支部 (and branches in a 专项巡察). */
  orgIds,
  team,
  reportMonths: reportMonths.default(inspectionMonths.report.default),
  lookbackMonths: lookbackMonths.default(inspectionMonths.lookback.default),
});
export type CreateInspectionBody = z.input<typeof createInspectionBody>;
export type CreateInspection = z.output<typeof createInspectionBody>;

/**
 * PATCH /api/inspections/{id}, with the version read: name, dates, focus and team at any time; units added, and
 * removed while they wait for their feedback; the kind and the months until the first feedback.
 */
export const updateInspectionBody = requireChange(
  z.strictObject({
    name: text(inspectionLimits.name.min, inspectionLimits.name.max).optional(),
    kind: z.enum(inspectionKinds).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    focus: text(1, inspectionLimits.focus.max).nullable().optional(),
    orgIds: orgIds.optional(),
    team: team.optional(),
    reportMonths: reportMonths.optional(),
    lookbackMonths: lookbackMonths.optional(),
    version,
  }),
);
export type UpdateInspectionBody = z.input<typeof updateInspectionBody>;
export type UpdateInspection = z.output<typeof updateInspectionBody>;

/** The round and the unit a step is on. */
export const inspectionUnitParams = z.strictObject({ id: idParam, orgId: idParam });

/** One problem of the feedback: it becomes a rectification item of the unit (source 巡察反馈). */
export const inspectionFeedbackProblemInput = z.strictObject({
  problem: text(inspectionLimits.problem.min, inspectionLimits.problem.max),
  /** The standard or clause it breaks, where known. */
  clause: optionalText(inspectionLimits.clause.max),
  responsiblePersonId: dbId.nullable().default(null),
  /** Default: the day the 整改报告 is due. */
  deadline: isoDate.nullable().default(null),
});

/** POST /api/inspections/{id}/units/{orgId}/feedback: the 巡察办 records the feedback given to the unit. */
export const inspectionFeedbackBody = z.strictObject({
  feedbackOn: isoDate,
  /** The feedback's general words (反馈意见概要). */
  summary: optionalText(inspectionLimits.summary.max),
  problems: z.array(inspectionFeedbackProblemInput).min(1).max(inspectionLimits.problems.max),
});
export type InspectionFeedbackBody = z.input<typeof inspectionFeedbackBody>;
export type InspectionFeedback = z.output<typeof inspectionFeedbackBody>;

/** POST /api/inspections/{id}/units/{orgId}/report: the unit's 整改报告 (its figures are counted, never sent). */
export const inspectionReportBody = z.strictObject({
  report: text(inspectionLimits.report.min, inspectionLimits.report.max),
});

/** POST /api/inspections/{id}/units/{orgId}/return: the 巡察办 returns the report with what it lacks. */
export const inspectionReturnBody = z.strictObject({
  reason: text(inspectionLimits.reason.min, inspectionLimits.reason.max),
});

/** A closed item's verdict: confirmed, or 反弹 with how it came back and a new deadline (the item is reopened). */
export const inspectionVerdictInput = z.strictObject({
  rectificationId: dbId,
  outcome: z.enum(inspectionLookbackOutcomes),
  reason: text(inspectionLimits.reason.min, inspectionLimits.reason.max).nullable().default(null),
  until: isoDate.nullable().default(null),
});

/** POST /api/inspections/{id}/units/{orgId}/lookback: the 回头看, with a verdict on every closed item. */
export const inspectionLookbackBody = z.strictObject({
  lookbackOn: isoDate,
  note: text(inspectionLimits.note.min, inspectionLimits.note.max),
  verdicts: z.array(inspectionVerdictInput).max(inspectionLimits.verdicts.max),
});
export type InspectionLookbackBody = z.input<typeof inspectionLookbackBody>;
export type InspectionLookback = z.output<typeof inspectionLookbackBody>;

/** A unit's figures, counted from its rectification items (core `inspectionFigures`). */
export const inspectionFiguresSchema = z.object({
  total: z.number(),
  closed: z.number(),
  inProgress: z.number(),
  overdue: z.number(),
});

/** A unit of a round as lists show it. */
export const inspectionUnitSummary = z.object({
  orgId: z.number(),
  orgName: z.string(),
  status: z.enum(inspectionUnitStatuses),
  feedbackOn: z.string().nullable(),
  reportDue: z.string().nullable(),
  reportOverdue: z.boolean(),
  lookbackDue: z.string().nullable(),
});
export type InspectionUnitSummary = z.infer<typeof inspectionUnitSummary>;

/** A round as lists show it, with the units the caller may see (a unit sees only its own part). */
export const inspectionItem = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(inspectionKinds),
  startsOn: z.string(),
  endsOn: z.string(),
  reportMonths: z.number(),
  lookbackMonths: z.number(),
  units: z.array(inspectionUnitSummary),
  /** Units of the round in all (the caller may see fewer). */
  unitCount: z.number(),
  version: z.number(),
});
export type InspectionItem = z.infer<typeof inspectionItem>;

export const inspectionPage = z.object({
  items: z.array(inspectionItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});

/** One person of the 巡察组. */
export const inspectionTeamMember = z.object({
  role: z.enum(inspectionTeamRoles),
  name: z.string(),
  title: z.string().nullable(),
  personId: z.number().nullable(),
});

/** A rectification item of the unit opened from the feedback. */
export const inspectionUnitItem = z.object({
  id: z.number(),
  problem: z.string(),
  clause: z.string().nullable(),
  responsiblePerson: z.object({ id: z.number(), name: z.string() }).nullable(),
  status: z.enum(rectificationStatuses),
  deadline: z.string(),
  overdue: z.boolean(),
  reopenCount: z.number(),
  closedOn: z.string().nullable(),
});
export type InspectionUnitItem = z.infer<typeof inspectionUnitItem>;

/** What the caller may do with the unit now (core `allowedInspectionUnitActions`). */
export const inspectionUnitAbilities = z.object({
  record_feedback: z.boolean(),
  submit_report: z.boolean(),
  return_report: z.boolean(),
  record_lookback: z.boolean(),
});
export type InspectionUnitAbilities = z.infer<typeof inspectionUnitAbilities>;

/** A unit of a round with its feedback, items, report and 回头看. */
export const inspectionUnitDetail = inspectionUnitSummary.extend({
  orgType: z.enum(orgTypes),
  summary: z.string().nullable(),
  /** As counted now from the items. */
  figures: inspectionFiguresSchema,
  items: z.array(inspectionUnitItem),
  /** The report last submitted, with the figures counted when it was. */
  report: z
    .object({
      text: z.string(),
      submittedOn: z.string(),
      byName: z.string().nullable(),
      figures: inspectionFiguresSchema,
    })
    .nullable(),
  /** Why the report was last returned, while the unit writes it again. */
  returnedReason: z.string().nullable(),
  lookback: z
    .object({
      on: z.string(),
      note: z.string(),
      byName: z.string().nullable(),
      verdicts: z.array(
        z.object({
          rectificationId: z.number(),
          outcome: z.enum(inspectionLookbackOutcomes),
          reason: z.string().nullable(),
          until: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  abilities: inspectionUnitAbilities,
});
export type InspectionUnitDetail = z.infer<typeof inspectionUnitDetail>;

/** One entry of the round's timeline (a unit's step names the unit). */
export const inspectionEvent = z.object({
  at: z.string(),
  kind: z.enum(inspectionEventKinds),
  orgName: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export type InspectionEvent = z.infer<typeof inspectionEvent>;

export const inspectionDetail = inspectionItem.extend({
  focus: z.string().nullable(),
  team: z.array(inspectionTeamMember),
  units: z.array(inspectionUnitDetail),
  events: z.array(inspectionEvent),
  /** The round's name, dates, team and units (the 巡察办). */
  abilities: z.object({ edit: z.boolean() }),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type InspectionDetail = z.infer<typeof inspectionDetail>;
