/** The 发展党员 procedure: 5 stages and 25 steps (发展细则; RULES.md §4), with their Chinese labels. */

/** Stages of the procedure. */
export const recruitmentStages = ['application', 'activist', 'candidate', 'admission', 'probation'] as const;
export type RecruitmentStage = (typeof recruitmentStages)[number];

export const recruitmentStageLabels = {
  application: '申请入党',
  activist: '入党积极分子的确定和培养教育',
  candidate: '发展对象的确定和考察',
  admission: '预备党员的接收',
  probation: '预备党员的教育考察和转正',
} as const satisfies Record<RecruitmentStage, string>;

/** The 25 steps, in order. */
export const recruitmentSteps = [
  'application',
  'application_talk',
  'activist_designation',
  'activist_filing',
  'mentor_assignment',
  'activist_review',
  'candidate_designation',
  'candidate_filing',
  'sponsor_assignment',
  'political_review',
  'training',
  'committee_review',
  'pre_examination',
  'application_form',
  'admission_meeting',
  'superior_talk',
  'admission_approval',
  'admission_filing',
  'group_placement',
  'oath',
  'probation_review',
  'confirmation_application',
  'confirmation_meeting',
  'confirmation_approval',
  'archiving',
] as const;
export type RecruitmentStep = (typeof recruitmentSteps)[number];

/** What the procedure knows of a step. */
export interface RecruitmentStepInfo {
  /** 1–25, as in RULES.md §4. */
  no: number;
  stage: RecruitmentStage;
  label: string;
  /** A 公示 precedes the step (common practice: 积极分子, 发展对象, 接收预备党员, 转正). */
  publicNotice: boolean;
  /** The step is a 支部大会 vote (quorum and majority, 支部条例 第十一条). */
  vote: boolean;
  /** The step may be recorded more than once in a row (the half-yearly reviews). */
  repeatable: boolean;
  /** Fields the step's event carries beyond date, actor and documents (see RecruitmentEvent). */
  fields: readonly string[];
}

const step = (
  no: number,
  stage: RecruitmentStage,
  label: string,
  fields: readonly string[] = [],
  flags: { publicNotice?: boolean; vote?: boolean; repeatable?: boolean } = {},
): RecruitmentStepInfo => ({
  no,
  stage,
  label,
  publicNotice: flags.publicNotice ?? false,
  vote: flags.vote ?? false,
  repeatable: flags.repeatable ?? false,
  fields,
});

/**
 * Every step: number, stage, label (exactly as RULES.md §4), whether a 公示 precedes it, whether it is a vote,
 * whether it repeats, and its fields. The 继续教育考察 of a 预备党员 repeats like the activist reviews: branches
 * review 预备党员 periodically too.
 */
export const recruitmentStepInfo = {
  application: step(1, 'application', '递交入党申请书'),
  application_talk: step(2, 'application', '党组织派人谈话'),
  activist_designation: step(3, 'activist', '推荐和确定入党积极分子', ['recommendation', 'publicNotice'], {
    publicNotice: true,
  }),
  activist_filing: step(4, 'activist', '上级党委备案'),
  mentor_assignment: step(5, 'activist', '指定培养联系人', ['mentorIds']),
  activist_review: step(6, 'activist', '培养教育考察', [], { repeatable: true }),
  candidate_designation: step(7, 'candidate', '确定发展对象', ['publicNotice'], { publicNotice: true }),
  candidate_filing: step(8, 'candidate', '报上级党委备案'),
  sponsor_assignment: step(9, 'candidate', '确定入党介绍人', ['sponsorIds']),
  political_review: step(10, 'candidate', '进行政治审查', ['passed']),
  training: step(11, 'candidate', '开展集中培训', ['days', 'hours']),
  committee_review: step(12, 'admission', '支部委员会审查'),
  pre_examination: step(13, 'admission', '上级党委预审', ['passed']),
  application_form: step(14, 'admission', '填写入党志愿书'),
  admission_meeting: step(15, 'admission', '支部大会讨论', ['votes', 'publicNotice'], {
    publicNotice: true,
    vote: true,
  }),
  superior_talk: step(16, 'admission', '上级党委派人谈话', ['talkerRole']),
  admission_approval: step(17, 'admission', '上级党委审批', ['approved', 'specialReason']),
  admission_filing: step(18, 'admission', '再上一级党委组织部门备案'),
  group_placement: step(19, 'probation', '编入党支部和党小组'),
  oath: step(20, 'probation', '入党宣誓'),
  probation_review: step(21, 'probation', '继续教育考察', [], { repeatable: true }),
  confirmation_application: step(22, 'probation', '提出转正申请'),
  confirmation_meeting: step(
    23,
    'probation',
    '支部大会讨论',
    ['decision', 'extensionMonths', 'votes', 'publicNotice'],
    { publicNotice: true, vote: true },
  ),
  confirmation_approval: step(24, 'probation', '上级党委审批'),
  archiving: step(25, 'probation', '材料归档'),
} as const satisfies Record<RecruitmentStep, RecruitmentStepInfo>;

/**
 * Steps the superior 党委 records (备案, 预审, 审批; 发展细则): in a college the 党委 through its 组织部. A
 * branch secretary records every other step.
 */
export const recruitmentSuperiorSteps: ReadonlySet<RecruitmentStep> = new Set<RecruitmentStep>([
  'activist_filing',
  'candidate_filing',
  'pre_examination',
  'admission_approval',
  'admission_filing',
  'confirmation_approval',
]);

/** How the 积极分子 was put forward (发展细则 第八条). */
export const activistRecommendations = ['member', 'league'] as const;
export type ActivistRecommendation = (typeof activistRecommendations)[number];
export const activistRecommendationLabels = {
  member: '党员推荐',
  league: '群团组织推优',
} as const satisfies Record<ActivistRecommendation, string>;

/** Who of the superior 党委 talks with the candidate before approval (step 16). */
export const superiorTalkerRoles = ['committee_member', 'organiser'] as const;
export type SuperiorTalkerRole = (typeof superiorTalkerRoles)[number];
export const superiorTalkerRoleLabels = {
  committee_member: '党委委员',
  organiser: '组织员',
} as const satisfies Record<SuperiorTalkerRole, string>;

/** What the 支部大会 decides when the 预备期 ends (step 23). */
export const confirmationDecisions = ['confirm', 'extend', 'revoke'] as const;
export type ConfirmationDecision = (typeof confirmationDecisions)[number];
export const confirmationDecisionLabels = {
  confirm: '按期转正',
  extend: '延长预备期',
  revoke: '取消预备党员资格',
} as const satisfies Record<ConfirmationDecision, string>;

/** Where a procedure stands: still running, or closed one of four ways. */
export const recruitmentOutcomes = [
  'in_progress',
  'confirmed',
  'revoked',
  'not_admitted',
  'withdrawn',
] as const;
export type RecruitmentOutcome = (typeof recruitmentOutcomes)[number];
export const recruitmentOutcomeLabels = {
  in_progress: '进行中',
  confirmed: '已转为正式党员',
  revoked: '已取消预备党员资格',
  not_admitted: '上级党委未批准入党',
  withdrawn: '本人撤回入党申请',
} as const satisfies Record<RecruitmentOutcome, string>;
