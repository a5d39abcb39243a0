import { z } from 'zod';
import { genders, memberCategories } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import { educationLevels, ethnicities } from '../members/dictionaries.ts';
import { normaliseIdNumber, toHalfWidth } from '../members/id-number.ts';
import { recruitmentDueKinds } from '../recruitment/deadlines.ts';
import {
  activistRecommendations,
  confirmationDecisions,
  recruitmentOutcomes,
  recruitmentStages,
  recruitmentSteps,
  superiorTalkerRoles,
} from '../recruitment/dictionaries.ts';
import { noticeSteps, recruitmentTemplateKinds } from '../recruitment/materials.ts';
import { recruitmentMilestones } from '../recruitment/milestones.ts';
import { type RecruitmentRuleId, recruitmentRuleCatalogue } from '../rules/catalogue.ts';
import { dbId, idParam, isoDate, requireChange, text } from './common.ts';

/** Field limits of the recruitment forms, shared by the web and the API. */
export const recruitmentLimits = {
  note: { max: 500 },
  reason: { max: 300 },
  documentTitle: { max: 80 },
  fileName: { max: 120 },
  /** Uploaded documents (申请书, 思想汇报…) and templates. */
  fileBytes: { max: 10 * 1024 * 1024 },
  mentors: { min: 1, max: 2 },
  sponsors: { count: 2 },
} as const;

const optionalText = (max: number) => text(1, max).nullable().default(null);

/** Kinds of uploaded document in a dossier. */
export const recruitmentDocumentKinds = ['application_letter', 'thought_report', 'report', 'other'] as const;
export type RecruitmentDocumentKind = (typeof recruitmentDocumentKinds)[number];
export const recruitmentDocumentKindLabels = {
  application_letter: '入党申请书',
  thought_report: '思想汇报',
  report: '考察及其他报告',
  other: '其他材料',
} as const satisfies Record<RecruitmentDocumentKind, string>;

const ruleId = z.enum(Object.keys(recruitmentRuleCatalogue) as [RecruitmentRuleId, ...RecruitmentRuleId[]]);

/** A 公示 as entered: first and last day (the working days are counted by the server). */
export const publicNoticeInput = z.strictObject({ startOn: isoDate, endOn: isoDate });

/** Counts of a 支部大会 vote (支部条例 第十一条), as in organisational life. */
export const motionCountsInput = z.strictObject({
  entitled: z.int().min(1).max(100_000),
  presentEntitled: z.int().min(0).max(100_000),
  votesFor: z.int().min(0).max(100_000),
  votesAgainst: z.int().min(0).max(100_000),
  abstentions: z.int().min(0).max(100_000),
  writtenFor: z.int().min(0).max(100_000).default(0),
  writtenAgainst: z.int().min(0).max(100_000).default(0),
});

const stepBase = {
  date: isoDate,
  note: optionalText(recruitmentLimits.note.max),
  /** Waive local rules for this step; the reason is kept in the history. */
  override: z
    .strictObject({ ruleIds: z.array(ruleId).min(1).max(10), reason: text(2, recruitmentLimits.reason.max) })
    .nullable()
    .default(null),
  /** Documents of the dossier this step produced (ids of uploaded files). */
  documentIds: z.array(dbId).max(20).default([]),
  /** The dossier version read (optimistic lock). */
  version: z.int().min(0),
};

const plain = <S extends string>(step: S) => z.strictObject({ step: z.literal(step), ...stepBase });

/**
 * POST /api/recruitment/{id}/steps: the next step with what it needs. A step that breaks a rule answers 422
 * with every violation and its clause.
 */
export const recruitmentStepBody = z.discriminatedUnion('step', [
  plain('application_talk'),
  z.strictObject({
    step: z.literal('activist_designation'),
    ...stepBase,
    recommendation: z.enum(activistRecommendations),
    publicNotice: publicNoticeInput.nullable(),
  }),
  plain('activist_filing'),
  z.strictObject({
    step: z.literal('mentor_assignment'),
    ...stepBase,
    mentorIds: z.array(dbId).min(recruitmentLimits.mentors.min).max(recruitmentLimits.mentors.max),
  }),
  plain('activist_review'),
  z.strictObject({
    step: z.literal('candidate_designation'),
    ...stepBase,
    publicNotice: publicNoticeInput.nullable(),
  }),
  plain('candidate_filing'),
  z.strictObject({
    step: z.literal('sponsor_assignment'),
    ...stepBase,
    sponsorIds: z.array(dbId).length(recruitmentLimits.sponsors.count),
  }),
  z.strictObject({ step: z.literal('political_review'), ...stepBase, passed: z.boolean() }),
  z.strictObject({
    step: z.literal('training'),
    ...stepBase,
    days: z.int().min(0).max(365),
    hours: z.int().min(0).max(2000),
  }),
  plain('committee_review'),
  z.strictObject({ step: z.literal('pre_examination'), ...stepBase, passed: z.boolean() }),
  plain('application_form'),
  z.strictObject({
    step: z.literal('admission_meeting'),
    ...stepBase,
    /** The 支部党员大会 record in organisational life; its vote counts are used when given. */
    activityId: dbId.nullable().default(null),
    votes: motionCountsInput,
    publicNotice: publicNoticeInput.nullable(),
  }),
  z.strictObject({ step: z.literal('superior_talk'), ...stepBase, talkerRole: z.enum(superiorTalkerRoles) }),
  z.strictObject({
    step: z.literal('admission_approval'),
    ...stepBase,
    approved: z.boolean(),
    specialReason: text(2, recruitmentLimits.reason.max).nullable().default(null),
  }),
  plain('admission_filing'),
  plain('group_placement').extend({
    /** The 党小组 the new 预备党员 joins (optional: branches without groups). */
    groupId: dbId.nullable().default(null),
  }),
  plain('oath'),
  plain('probation_review'),
  plain('confirmation_application'),
  z.strictObject({
    step: z.literal('confirmation_meeting'),
    ...stepBase,
    activityId: dbId.nullable().default(null),
    decision: z.enum(confirmationDecisions),
    extensionMonths: z.int().min(1).max(24).nullable().default(null),
    votes: motionCountsInput,
    publicNotice: publicNoticeInput.nullable(),
  }),
  plain('confirmation_approval'),
  plain('archiving'),
  z.strictObject({
    step: z.literal('withdrawal'),
    ...stepBase,
    reason: text(2, recruitmentLimits.reason.max),
  }),
]);
export type RecruitmentStepBody = z.input<typeof recruitmentStepBody>;
export type RecruitmentStepInput = z.output<typeof recruitmentStepBody>;

/** The applicant, when not yet in the system (a new person row, not on the roster until admitted). */
export const applicantFields = z.strictObject({
  name: text(limits.personName.min, limits.personName.max),
  gender: z.enum(genders),
  ethnicity: z.enum(ethnicities).nullable().default(null),
  birthDate: isoDate.nullable().default(null),
  idNumber: z.string().max(40).transform(normaliseIdNumber),
  phone: z
    .string()
    .max(40)
    .transform((s) => toHalfWidth(s).replace(/\s+/g, ''))
    .nullable()
    .default(null),
  education: z.enum(educationLevels).nullable().default(null),
  category: z.enum(memberCategories),
  unitId: dbId.nullable().default(null),
  majorId: dbId.nullable().default(null),
  grade: z.string().trim().max(8).nullable().default(null),
  className: optionalText(limits.memberText.max),
  position: optionalText(limits.memberText.max),
});

/** POST /api/recruitment: opens a dossier and records step 1 (递交入党申请书). */
export const createRecruitmentBody = z
  .strictObject({
    /** The branch the application is made to. */
    orgId: dbId,
    /** An existing person who is not a party member (e.g. applying again), or… */
    personId: dbId.nullable().default(null),
    /** …a new applicant. */
    applicant: applicantFields.nullable().default(null),
    appliedOn: isoDate,
    leavesOn: isoDate.nullable().default(null),
    note: optionalText(recruitmentLimits.note.max),
  })
  .refine((b) => (b.personId === null) !== (b.applicant === null), {
    path: ['applicant'],
    message: '须选择已有人员或填写申请人信息（二选一）',
  });
export type CreateRecruitmentBody = z.input<typeof createRecruitmentBody>;

/** PATCH /api/recruitment/{id}: what may change outside the steps. */
export const updateRecruitmentBody = requireChange(
  z.strictObject({
    leavesOn: isoDate.nullable().optional(),
    version: z.int().min(0),
  }),
);

/** Which deadlines a list is filtered to. */
export const recruitmentDueFilters = ['overdue', 'soon', 'any'] as const;

/** GET /api/recruitment. */
export const recruitmentListQuery = z.strictObject({
  orgId: idParam.optional(),
  stage: z.enum(recruitmentStages).optional(),
  step: z.enum(recruitmentSteps).optional(),
  /** Default: in progress. */
  outcome: z.enum([...recruitmentOutcomes, 'all']).default('in_progress'),
  category: z.enum(memberCategories).optional(),
  due: z.enum(recruitmentDueFilters).optional(),
  q: z.string().trim().max(limits.search.max).optional(),
  /** Dossiers that reached this milestone (core milestoneDate) between reachedFrom and reachedTo, both included. */
  reached: z.enum(recruitmentMilestones).optional(),
  reachedFrom: isoDate.optional(),
  reachedTo: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});
export type RecruitmentListQuery = z.input<typeof recruitmentListQuery>;

const ref = z.object({ id: z.number(), name: z.string() });

/** One deadline of a dossier (packages/core nextDue), as shown. */
export const recruitmentDueItem = z.object({
  kind: z.enum(recruitmentDueKinds),
  step: z.enum(recruitmentSteps),
  dueOn: z.string(),
  remindFrom: z.string(),
  overdue: z.boolean(),
  reminding: z.boolean(),
  message: z.string(),
  ruleId: z.string(),
});
export type RecruitmentDueItem = z.infer<typeof recruitmentDueItem>;

export const recruitmentListItem = z.object({
  id: z.number(),
  person: z.object({
    id: z.number(),
    name: z.string(),
    gender: z.enum(genders).nullable(),
    category: z.enum(memberCategories),
  }),
  org: ref,
  /** The 党总支 above the branch, or null for a 直属党支部. */
  generalBranch: ref.nullable(),
  unitName: z.string().nullable(),
  outcome: z.enum(recruitmentOutcomes),
  stage: z.enum(recruitmentStages).nullable(),
  currentStep: z.enum(recruitmentSteps).nullable(),
  appliedOn: z.string().nullable(),
  activistOn: z.string().nullable(),
  candidateOn: z.string().nullable(),
  resolutionOn: z.string().nullable(),
  probationEndOn: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  lastDate: z.string().nullable(),
  /** Days since the current stage began. */
  daysInStage: z.number().nullable(),
  /** The earliest deadline, if any. */
  nextDue: recruitmentDueItem.nullable(),
});
export type RecruitmentListItem = z.infer<typeof recruitmentListItem>;

export const recruitmentPage = z.object({
  items: z.array(recruitmentListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type RecruitmentPage = z.infer<typeof recruitmentPage>;

/**
 * GET /api/recruitment/steps: the steps recorded on the dossiers of the branches under an org (in the caller's
 * scope), the latest first — what the rectification evidence picker offers as 发展党员 records.
 */
export const recruitmentStepListQuery = z.strictObject({
  orgId: idParam,
  /** Text in the applicant's name. */
  q: z.string().trim().max(limits.search.max).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});
export type RecruitmentStepListQuery = z.input<typeof recruitmentStepListQuery>;

/** One recorded step of a dossier, as a list of records shows it. */
export const recruitmentStepListItem = z.object({
  /** The recorded step's id (what a rectification's evidence links). */
  id: z.number(),
  recruitmentId: z.number(),
  personName: z.string(),
  /** The dossier's branch. */
  orgName: z.string(),
  step: z.enum([...recruitmentSteps, 'withdrawal']),
  /** 1–25; 0 for a withdrawal. */
  no: z.number(),
  label: z.string(),
  date: z.string(),
});
export type RecruitmentStepListItem = z.infer<typeof recruitmentStepListItem>;

export const recruitmentStepPage = z.object({
  items: z.array(recruitmentStepListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type RecruitmentStepPage = z.infer<typeof recruitmentStepPage>;

/** A rule broken or waived, with its clause. */
export const recruitmentViolationOut = z.object({
  ruleId: z.string(),
  title: z.string(),
  message: z.string(),
  field: z.string(),
  severity: z.enum(['error', 'warning']),
  kind: z.enum(['national', 'local']),
  clause: z.object({ source: z.string(), article: z.string(), text: z.string() }),
});
export type RecruitmentViolationOut = z.infer<typeof recruitmentViolationOut>;

/** One recorded step, as the history shows it. */
export const recruitmentEventOut = z.object({
  seq: z.number(),
  step: z.enum([...recruitmentSteps, 'withdrawal']),
  /** 1–25; 0 for a withdrawal. */
  no: z.number(),
  label: z.string(),
  date: z.string(),
  /** The step's own data in Chinese ("推荐方式：党员推荐", "赞成 12 票…"), in order. */
  details: z.array(z.object({ label: z.string(), value: z.string() })),
  note: z.string().nullable(),
  activity: ref.nullable(),
  documents: z.array(ref),
  warnings: z.array(z.object({ ruleId: z.string(), title: z.string() })),
  overrides: z.array(z.object({ ruleId: z.string(), title: z.string(), reason: z.string() })),
  recorderName: z.string(),
  recordedAt: z.string(),
});
export type RecruitmentEventOut = z.infer<typeof recruitmentEventOut>;

export const recruitmentDocument = z.object({
  id: z.number(),
  kind: z.enum(recruitmentDocumentKinds),
  title: z.string(),
  onDate: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploaderName: z.string(),
  uploadedAt: z.string(),
});
export type RecruitmentDocument = z.infer<typeof recruitmentDocument>;

/** What the caller may do with a dossier; the UI shows buttons from these. */
export const recruitmentAbilities = z.object({
  /** Record the branch's steps, upload documents. */
  edit: z.boolean(),
  /** Record the superior 党委's steps (备案, 预审, 审批). */
  approve: z.boolean(),
  upload: z.boolean(),
  /** Ask for the full ID number and phone (unmasked=true, audited). */
  viewSensitive: z.boolean(),
});

/**
 * One Word material of a dossier (GET …/materials/{kind}.docx, with ?step= for a 公示): the date it carries (of
 * the step it documents) when it can be produced, else the reason, as the download's 409 says it.
 */
export const recruitmentMaterialOut = z.object({
  kind: z.enum(recruitmentTemplateKinds),
  /** For a 公示: the step it precedes. */
  noticeStep: z.enum(noticeSteps).nullable(),
  label: z.string(),
  available: z.boolean(),
  onDate: z.string().nullable(),
  reason: z.string().nullable(),
});
export type RecruitmentMaterial = z.infer<typeof recruitmentMaterialOut>;

export const recruitmentDetail = recruitmentListItem.extend({
  person: recruitmentListItem.shape.person.extend({
    birthDate: z.string().nullable(),
    age: z.number().nullable(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    /** False only when the caller asked for and may see the full numbers. */
    masked: z.boolean(),
    grade: z.string().nullable(),
    className: z.string().nullable(),
    position: z.string().nullable(),
    partyStatus: z.enum(['full', 'probationary']).nullable(),
  }),
  leavesOn: z.string().nullable(),
  mentors: z.array(ref),
  sponsors: z.array(ref),
  politicalReviewOn: z.string().nullable(),
  probationStartOn: z.string().nullable(),
  extensionMonths: z.number().nullable(),
  /** Steps that may be recorded next. */
  expectedSteps: z.array(z.enum(recruitmentSteps)),
  /** Everything due, earliest first. */
  dues: z.array(recruitmentDueItem),
  history: z.array(recruitmentEventOut),
  documents: z.array(recruitmentDocument),
  /** Every Word material of the dossier: those it can produce now and, for the others, why not. */
  materials: z.array(recruitmentMaterialOut),
  abilities: recruitmentAbilities,
  version: z.number(),
});
export type RecruitmentDetail = z.infer<typeof recruitmentDetail>;

/** Answer of a recorded step: the dossier and the warnings the step raised. */
export const recruitmentStepResult = z.object({
  dossier: recruitmentDetail,
  warnings: z.array(recruitmentViolationOut),
});
export type RecruitmentStepResult = z.infer<typeof recruitmentStepResult>;

/** Query of a document upload (the body is the file). */
export const recruitmentDocumentUploadQuery = z.strictObject({
  kind: z.enum(recruitmentDocumentKinds),
  title: text(1, recruitmentLimits.documentTitle.max).optional(),
  fileName: text(1, recruitmentLimits.fileName.max),
  onDate: isoDate.optional(),
});
export const recruitmentDocumentParams = z.strictObject({ id: idParam, documentId: idParam });
export const recruitmentMaterialParams = z.strictObject({
  id: idParam,
  kind: z.enum(recruitmentTemplateKinds),
});
/** Which 公示 (the step it precedes); without it, the latest one recorded. Only for the 公示. */
export const recruitmentMaterialQuery = z.strictObject({ step: z.enum(noticeSteps).optional() });
export const recruitmentTemplateParams = z.strictObject({ kind: z.enum(recruitmentTemplateKinds) });
export const recruitmentTemplateUploadQuery = z.strictObject({
  fileName: text(1, recruitmentLimits.fileName.max),
});

/** One template as listed: built-in or uploaded by the school, with the placeholders it may use. */
export const recruitmentTemplateInfo = z.object({
  kind: z.enum(recruitmentTemplateKinds),
  label: z.string(),
  custom: z.boolean(),
  fileName: z.string().nullable(),
  uploaderName: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  placeholders: z.array(z.object({ key: z.string(), label: z.string() })),
});
export type RecruitmentTemplateInfo = z.infer<typeof recruitmentTemplateInfo>;

/** GET /api/recruitment/pipeline and the ledger's scope. */
export const recruitmentPipelineQuery = z.strictObject({
  orgId: idParam.optional(),
  /** Year of the funnel (applications, activists, candidates, admissions, confirmations in that year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type RecruitmentPipelineQuery = z.input<typeof recruitmentPipelineQuery>;

const stageCounts = z.object(
  Object.fromEntries(recruitmentStages.map((s) => [s, z.number()])) as Record<
    (typeof recruitmentStages)[number],
    z.ZodNumber
  >,
);

export const recruitmentPipeline = z.object({
  /** In-progress dossiers per stage in the scope. */
  totals: stageCounts,
  /** Rows per 总支 (or the 党委's 直属 branches together) and per branch, with their stage counts. */
  rows: z.array(
    z.object({
      org: ref,
      level: z.enum(['general_branch', 'branch']),
      parentId: z.number().nullable(),
      counts: stageCounts,
      overdue: z.number(),
    }),
  ),
  /** Median and mean days spent in each stage by dossiers that left it (and the count). */
  timeInStage: z.array(
    z.object({
      stage: z.enum(recruitmentStages),
      completed: z.number(),
      medianDays: z.number().nullable(),
      meanDays: z.number().nullable(),
      /** In-progress dossiers now in the stage and their mean days so far. */
      current: z.number(),
      currentMeanDays: z.number().nullable(),
    }),
  ),
  /** The year's funnel: how many reached each milestone in that year. */
  funnel: z.object({
    year: z.number(),
    steps: z.array(z.object({ key: z.string(), label: z.string(), count: z.number() })),
  }),
  /** 入党申请人 (in progress, not yet admitted) as a share of students and of staff, per unit with headcounts. */
  shares: z.array(
    z.object({
      unit: ref.nullable(),
      students: z.number().nullable(),
      studentApplicants: z.number(),
      staff: z.number().nullable(),
      staffApplicants: z.number(),
    }),
  ),
  overdue: z.number(),
  dueSoon: z.number(),
});
export type RecruitmentPipeline = z.infer<typeof recruitmentPipeline>;

/** GET /api/recruitment/ledger: 发展党员工作台账 (xlsx) of a scope and optional year of application. */
export const recruitmentLedgerQuery = z.strictObject({
  orgId: idParam.optional(),
  outcome: z.enum([...recruitmentOutcomes, 'all']).default('all'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** GET /api/me/recruitment: the applicant's own dossier on a phone (null when they have none). */
export const myRecruitment = z.object({
  id: z.number(),
  orgName: z.string(),
  outcome: z.enum(recruitmentOutcomes),
  stage: z.enum(recruitmentStages).nullable(),
  currentStep: z.enum(recruitmentSteps).nullable(),
  /** Steps done, in order, with their dates. */
  done: z.array(
    z.object({ step: z.enum(recruitmentSteps), no: z.number(), label: z.string(), date: z.string() }),
  ),
  /** What comes next and by when (when there is a deadline). */
  next: z.array(z.object({ step: z.enum(recruitmentSteps), no: z.number(), label: z.string() })),
  dues: z.array(recruitmentDueItem),
  mentors: z.array(ref),
  sponsors: z.array(ref),
  probationEndOn: z.string().nullable(),
  documents: z.array(recruitmentDocument),
});
export type MyRecruitment = z.infer<typeof myRecruitment>;

/** Chinese names of the recruitment request fields, so that a validation error names what the user sees. */
export const recruitmentFieldLabels = {
  orgId: '党支部',
  personId: '人员',
  applicant: '申请人',
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  birthDate: '出生日期',
  phone: '联系电话',
  category: '人员类别',
  unitId: '所在单位',
  majorId: '专业',
  grade: '年级',
  className: '班级',
  position: '职务',
  appliedOn: '申请日期',
  leavesOn: '预计离校（离开单位）日期',
  step: '步骤',
  date: '日期',
  note: '备注',
  override: '豁免',
  ruleIds: '豁免规则',
  reason: '理由',
  documentIds: '材料',
  version: '版本',
  recommendation: '推荐方式',
  publicNotice: '公示',
  startOn: '公示开始日期',
  endOn: '公示结束日期',
  mentorIds: '培养联系人',
  sponsorIds: '入党介绍人',
  passed: '审查结论',
  days: '培训天数',
  hours: '培训学时',
  activityId: '支部党员大会记录',
  votes: '表决票数',
  entitled: '有表决权党员数',
  presentEntitled: '到会有表决权党员数',
  votesFor: '赞成票数',
  votesAgainst: '反对票数',
  abstentions: '弃权票数',
  writtenFor: '书面表决赞成票数',
  writtenAgainst: '书面表决反对票数',
  talkerRole: '谈话人身份',
  approved: '审批结论',
  specialReason: '特殊情况说明',
  groupId: '党小组',
  decision: '讨论结论',
  extensionMonths: '延长月数',
  kind: '类型',
  title: '标题',
  fileName: '文件名',
  onDate: '日期',
  stage: '阶段',
  outcome: '状态',
  due: '期限',
  year: '年度',
  reached: '达到的环节',
  reachedFrom: '达到日期起',
  reachedTo: '达到日期止',
} as const;

// ---- P: reminders ----

/** GET /api/recruitment/reminders: one due item of an in-scope dossier, reminding now or within 30 days. */
export const recruitmentReminder = recruitmentDueItem.extend({
  recruitmentId: z.number(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
});
export type RecruitmentReminder = z.infer<typeof recruitmentReminder>;
export const recruitmentReminderList = z.array(recruitmentReminder);
