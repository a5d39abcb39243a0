import { z } from 'zod';
import { genders, memberCategories, partyStatuses, postCodes } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import {
  ageBands,
  dualLeaderKinds,
  educationLevels,
  ethnicities,
  leaveReasons,
  memberStatuses,
  partyYearsBands,
} from '../members/dictionaries.ts';
import { normaliseIdNumber, toHalfWidth } from '../members/id-number.ts';
import { dbId, idParam, isoDate, requireChange, text } from './common.ts';

const optionalText = (max: number) => text(1, max).nullable().default(null);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The editable fields of a member's record (form, API and importer share them). */
export const memberFields = {
  name: text(limits.personName.min, limits.personName.max),
  gender: z.enum(genders).nullable().default(null),
  ethnicity: z.enum(ethnicities).nullable().default(null),
  birthDate: isoDate.nullable().default(null),
  idNumber: z.string().max(40).transform(normaliseIdNumber).nullable().default(null),
  phone: z
    .string()
    .max(40)
    .transform((s) => toHalfWidth(s).replace(/\s+/g, ''))
    .nullable()
    .default(null),
  education: z.enum(educationLevels).nullable().default(null),
  category: z.enum(memberCategories),
  position: optionalText(limits.memberText.max),
  title: optionalText(limits.memberText.max),
  unitId: dbId.nullable().default(null),
  majorId: dbId.nullable().default(null),
  grade: z.string().trim().max(8).nullable().default(null),
  className: optionalText(limits.memberText.max),
  partyStatus: z.enum(partyStatuses),
  joinedOn: isoDate,
  confirmedOn: isoDate.nullable().default(null),
  orgId: dbId,
  isMobile: z.boolean().default(false),
  isAbroad: z.boolean().default(false),
  isInHardship: z.boolean().default(false),
  isDualLeader: z.boolean().default(false),
  dualLeaderKind: z.enum(dualLeaderKinds).nullable().default(null),
  dualLeaderNote: optionalText(200),
};

/** A field that may be left out of a partial update: its default must not fill it in. */
function optionalField(schema: z.ZodType): z.ZodType {
  return (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional();
}

/** POST /api/members. */
export const createMemberBody = z.strictObject({
  ...memberFields,
  idNumber: memberFields.idNumber.unwrap().unwrap(),
});
export type CreateMemberBody = z.input<typeof createMemberBody>;

/** PATCH /api/members/{id}: any subset of the fields, with the version read (optimistic lock). */
export const updateMemberBody = requireChange(
  z.strictObject({
    ...Object.fromEntries(Object.entries(memberFields).map(([k, v]) => [k, optionalField(v)])),
    version: z.number().int().min(0),
  }),
) as unknown as z.ZodType<
  Partial<z.output<typeof createMemberBody>> & { version: number },
  Partial<z.input<typeof createMemberBody>> & { version: number }
>;
export type UpdateMemberBody = z.input<typeof updateMemberBody>;

/** Columns of the roster a user can choose; the export writes the same columns. */
export const memberColumnKeys = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'age',
  'idNumber',
  'phone',
  'education',
  'category',
  'partyStatus',
  'joinedOn',
  'confirmedOn',
  'partyYears',
  'branchName',
  'groupName',
  'unitName',
  'position',
  'title',
  'majorName',
  'grade',
  'className',
  'posts',
  'flags',
  'isDualLeader',
  'status',
] as const;
export type MemberColumnKey = (typeof memberColumnKeys)[number];
export const memberColumnLabels = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  age: '年龄',
  idNumber: '身份证号',
  phone: '联系电话',
  education: '学历',
  category: '人员类别',
  partyStatus: '党籍状态',
  joinedOn: '入党日期',
  confirmedOn: '转正日期',
  partyYears: '党龄',
  branchName: '所在党支部',
  groupName: '党小组',
  unitName: '所在单位',
  position: '职务/岗位',
  title: '职称',
  majorName: '专业',
  grade: '年级',
  className: '班级',
  posts: '党内职务',
  flags: '标记',
  isDualLeader: '双带头人',
  status: '在册状态',
} as const satisfies Record<MemberColumnKey, string>;
/** Columns shown until the user chooses. */
export const defaultMemberColumns: MemberColumnKey[] = [
  'name',
  'gender',
  'age',
  'idNumber',
  'phone',
  'category',
  'partyStatus',
  'joinedOn',
  'branchName',
  'posts',
];

export const memberSortKeys = ['name', 'birthDate', 'joinedOn', 'confirmedOn', 'branchName'] as const;

/** Filters of the roster, shared by the list and the export. */
export const memberFilterQuery = z.strictObject({
  q: z.string().trim().max(limits.search.max).optional(),
  orgId: idParam.optional(),
  category: z.enum(memberCategories).optional(),
  partyStatus: z.enum(partyStatuses).optional(),
  gender: z.enum(genders).optional(),
  ethnicity: z.enum(ethnicities).optional(),
  education: z.enum(educationLevels).optional(),
  ageBand: z.enum(ageBands).optional(),
  partyYearsBand: z.enum(partyYearsBands).optional(),
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  isMobile: bool.optional(),
  isAbroad: bool.optional(),
  isInHardship: bool.optional(),
  isDualLeader: bool.optional(),
  post: z.enum(postCodes).optional(),
  /** `active` (default): the roster; `left`: people who left it; `all`. */
  status: z.enum(['active', 'left', 'all']).default('active'),
  sort: z.enum(memberSortKeys).default('branchName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Show ID numbers and phones in full; needs member:member:sensitive and is audited. */
  unmasked: bool.optional(),
});
export type MemberFilter = z.output<typeof memberFilterQuery>;

export const memberListQuery = memberFilterQuery.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});
export type MemberListQuery = z.input<typeof memberListQuery>;

export const memberExportQuery = memberFilterQuery.extend({
  /** Comma-separated column keys, in order; default the default columns. */
  columns: z
    .string()
    .max(1000)
    .optional()
    .transform((s, ctx) => {
      if (!s) return defaultMemberColumns;
      const keys = s.split(',').filter(Boolean);
      const bad = keys.filter((k) => !(memberColumnKeys as readonly string[]).includes(k));
      if (bad.length > 0 || keys.length === 0) {
        ctx.addIssue({ code: 'custom', message: `未知的列：${bad.join('、') || '（空）'}` });
        return z.NEVER;
      }
      return keys as MemberColumnKey[];
    }),
});

/** A current or past post of a member. */
export const memberPost = z.object({
  appointmentId: z.number(),
  post: z.enum(postCodes),
  orgId: z.number(),
  orgName: z.string(),
  termId: z.number().nullable(),
  termNumber: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export type MemberPost = z.infer<typeof memberPost>;

/** A row of the roster. ID number and phone are masked unless `masked` is false. */
export const memberListItem = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(genders).nullable(),
  ethnicity: z.enum(ethnicities).nullable(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  masked: z.boolean(),
  education: z.enum(educationLevels).nullable(),
  category: z.enum(memberCategories),
  partyStatus: z.enum(partyStatuses).nullable(),
  joinedOn: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  partyYears: z.number(),
  orgId: z.number().nullable(),
  branchId: z.number().nullable(),
  branchName: z.string().nullable(),
  groupId: z.number().nullable(),
  groupName: z.string().nullable(),
  unitName: z.string().nullable(),
  position: z.string().nullable(),
  title: z.string().nullable(),
  majorName: z.string().nullable(),
  grade: z.string().nullable(),
  className: z.string().nullable(),
  /** Current posts (post codes). */
  posts: z.array(z.enum(postCodes)),
  isMobile: z.boolean(),
  isAbroad: z.boolean(),
  isInHardship: z.boolean(),
  isDualLeader: z.boolean(),
  status: z.enum(memberStatuses),
  leftOn: z.string().nullable(),
});
export type MemberListItem = z.infer<typeof memberListItem>;

export const memberPage = z.object({
  items: z.array(memberListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type MemberPage = z.infer<typeof memberPage>;

/** What the caller may do with one member; the UI shows buttons from these. */
export const memberAbilities = z.object({
  edit: z.boolean(),
  viewSensitive: z.boolean(),
  transfer: z.boolean(),
  leave: z.boolean(),
  editPosts: z.boolean(),
});
export type MemberAbilities = z.infer<typeof memberAbilities>;

/** A member's whole record. */
export const memberDetail = memberListItem.extend({
  unitId: z.number().nullable(),
  majorId: z.number().nullable(),
  dualLeaderKind: z.enum(dualLeaderKinds).nullable(),
  dualLeaderNote: z.string().nullable(),
  leaveNote: z.string().nullable(),
  orgPath: z.string().nullable(),
  postHistory: z.array(memberPost),
  version: z.number(),
  abilities: memberAbilities,
});
export type MemberDetail = z.infer<typeof memberDetail>;

export const memberDetailQuery = z.strictObject({ unmasked: bool.optional() });

/** Kinds of event on a member's timeline. */
export const memberEventKinds = [
  'created',
  'updated',
  'imported',
  'status_confirmed',
  'post_started',
  'post_ended',
  'transfer_requested',
  'transferred',
  'transferred_out',
  'transferred_in',
  'left',
  'correction_requested',
  'correction_decided',
  'appraisal_graded',
  'correction_plan_opened',
  'correction_plan_closed',
] as const;
export type MemberEventKind = (typeof memberEventKinds)[number];
export const memberEventKindLabels = {
  created: '建档',
  updated: '信息修改',
  imported: '批量导入',
  status_confirmed: '转为正式党员',
  post_started: '任职',
  post_ended: '免职',
  transfer_requested: '申请转接',
  transferred: '校内转接',
  transferred_out: '转出本校',
  transferred_in: '转入本校',
  left: '离开在册名单',
  correction_requested: '申请更正信息',
  correction_decided: '更正申请处理',
  appraisal_graded: '民主评议党员评定等次',
  correction_plan_opened: '限期改正',
  correction_plan_closed: '限期改正结论',
} as const satisfies Record<MemberEventKind, string>;

export const memberEvent = z.object({
  id: z.number(),
  kind: z.enum(memberEventKinds),
  on: z.string(),
  at: z.string(),
  summary: z.string(),
  actorName: z.string().nullable(),
});
export type MemberEvent = z.infer<typeof memberEvent>;

/** POST /api/members/{id}/leave: 死亡, 出党, 自行脱党, 停止党籍 (转出 goes through a transfer). */
export const leaveMemberBody = z.strictObject({
  reason: z.enum(leaveReasons),
  date: isoDate,
  note: text(1, limits.note.max).nullable().default(null),
  version: z.number().int().min(0),
});

/** Counts of one statistic: code → count, in dictionary order. */
const countTable = z.array(z.object({ key: z.string(), label: z.string(), count: z.number() }));

/** GET /api/members/stats. */
export const memberStatsQuery = z.strictObject({ orgId: idParam.optional() });
export const memberStats = z.object({
  orgId: z.number().nullable(),
  orgName: z.string(),
  today: z.string(),
  total: z.number(),
  byCategory: countTable,
  byStatus: countTable,
  byGender: countTable,
  byEthnicity: countTable,
  byAgeBand: countTable,
  byEducation: countTable,
  byPartyYears: countTable,
  /** One row per direct child org (drill-down), or per branch at the bottom. */
  children: z.array(
    z.object({
      orgId: z.number(),
      name: z.string(),
      type: z.string(),
      total: z.number(),
      full: z.number(),
      probationary: z.number(),
      hasChildren: z.boolean(),
    }),
  ),
  /** Every branch in scope with its size checked against the rules of the foundation issue. */
  branches: z.array(
    z.object({
      orgId: z.number(),
      name: z.string(),
      category: z.string().nullable(),
      total: z.number(),
      full: z.number(),
      problems: z.array(z.string()),
    }),
  ),
  dualLeader: z.object({
    teacherBranches: z.number(),
    withSecretary: z.number(),
    dualLeaderSecretaries: z.number(),
    /** Branches whose secretary is not (yet) a 双带头人. */
    missing: z.array(z.object({ orgId: z.number(), name: z.string(), secretaryName: z.string().nullable() })),
  }),
});
export type MemberStats = z.infer<typeof memberStats>;

/** Fields a member may ask to have corrected on their own record. */
export const correctableFields = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'phone',
  'education',
  'position',
  'title',
  'grade',
  'className',
  'joinedOn',
  'confirmedOn',
] as const;
export type CorrectableField = (typeof correctableFields)[number];

export const createCorrectionBody = z.strictObject({
  changes: z
    .strictObject(
      Object.fromEntries(correctableFields.map((f) => [f, optionalField(memberFields[f])])) as {
        [K in CorrectableField]: z.ZodOptional<(typeof memberFields)[K]>;
      },
    )
    .refine((c) => Object.keys(c).length > 0, { message: '请至少填写一项要更正的内容' }),
  reason: text(2, limits.note.max),
});
export type CreateCorrectionBody = z.input<typeof createCorrectionBody>;

export const correctionStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type CorrectionStatus = (typeof correctionStatuses)[number];
export const correctionStatusLabels = {
  pending: '待审核',
  approved: '已同意',
  rejected: '已驳回',
  withdrawn: '已撤回',
} as const;

export const correctionSchema = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  branchName: z.string().nullable(),
  /** Field → { from, to } (values as stored; masked for ID numbers unless the viewer may see them). */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string(),
  status: z.enum(correctionStatuses),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  canDecide: z.boolean(),
});
export type Correction = z.infer<typeof correctionSchema>;

export const correctionListQuery = z.strictObject({
  status: z.enum(correctionStatuses).optional(),
  /** Full ID numbers and phones in the requested changes (member:member:sensitive; audited). */
  unmasked: bool.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});
export const decideCorrectionBody = z.strictObject({
  approve: z.boolean(),
  note: text(1, limits.note.max).nullable().default(null),
});

/** The signed-in member's own record (unmasked: it is theirs) with their correction requests. */
export const myMemberRecord = z.object({
  member: memberDetail.nullable(),
  corrections: z.array(correctionSchema),
});
export type MyMemberRecord = z.infer<typeof myMemberRecord>;
