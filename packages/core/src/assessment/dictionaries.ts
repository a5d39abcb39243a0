/**
 * Enumerations of assessments (考核 / 考评), with their Chinese labels. Codes follow GLOSSARY.md
 * ("Checking and assessment"): indicator system (指标体系), star rating (星级评定), standardisation
 * acceptance (标准化规范化建设达标验收), all-pass check (个个过关、全面过硬), veto (一票否决).
 */
import { isBranchType, type OrgType } from '../dictionaries.ts';

/** What an indicator system is used for. */
export const assessmentKinds = ['star_rating', 'standardisation', 'all_pass', 'annual_review'] as const;
export type AssessmentKind = (typeof assessmentKinds)[number];

export const assessmentKindLabels = {
  star_rating: '星级党支部评定',
  standardisation: '标准化规范化建设达标验收',
  all_pass: '个个过关、全面过硬',
  annual_review: '二级党组织年度党建考评',
} as const satisfies Record<AssessmentKind, string>;

/**
 * Which orgs a system assesses: branches (党支部, 联合党支部, 临时党支部) or 二级党组织 (a college's 党总支; the
 * platform's org tree holds no 二级党委, see dictionaries.ts `allowedChildTypes`).
 */
export const assessedLevels = ['branch', 'secondary'] as const;
export type AssessedLevel = (typeof assessedLevels)[number];

export const assessedLevelLabels = {
  branch: '党支部',
  secondary: '二级党组织',
} as const satisfies Record<AssessedLevel, string>;

/** The assessed level of an org type, or null for types never assessed (党委, 党小组). */
export function assessedLevelOf(type: OrgType): AssessedLevel | null {
  if (isBranchType(type)) return 'branch';
  return type === 'general_branch' ? 'secondary' : null;
}

/** How a system's result is expressed: a score out of its maximum, or 达标 / 不达标. */
export const resultModes = ['score', 'pass_fail'] as const;
export type ResultMode = (typeof resultModes)[number];

export const resultModeLabels = {
  score: '计分',
  pass_fail: '达标 / 不达标',
} as const satisfies Record<ResultMode, string>;

/** How an indicator is scored. */
export const scoringMethods = ['computed', 'judgement', 'bonus', 'deduction', 'pass_fail'] as const;
export type ScoringMethod = (typeof scoringMethods)[number];

export const scoringMethodLabels = {
  computed: '按记录自动计算',
  judgement: '评审评分',
  bonus: '加分项',
  deduction: '扣分项',
  pass_fail: '达标 / 不达标',
} as const satisfies Record<ScoringMethod, string>;

/** Methods that make up a dimension's base points (their maxima add up to the dimension's maximum). */
export const baseScoringMethods = ['computed', 'judgement'] as const satisfies readonly ScoringMethod[];

/** What a veto (一票否决) does to a result. */
export const vetoCapKinds = ['max_stars', 'max_score', 'fail'] as const;
export type VetoCapKind = (typeof vetoCapKinds)[number];

export const vetoCapKindLabels = {
  max_stars: '最高评定星级',
  max_score: '总分封顶',
  fail: '直接判定不达标',
} as const satisfies Record<VetoCapKind, string>;

/** The follow-up a result leads to: 示范 (model to show), 提升 (improve), 整改 (rectify; opens items). */
export const followUpBands = ['exemplary', 'improve', 'rectify'] as const;
export type FollowUpBand = (typeof followUpBands)[number];

export const followUpBandLabels = {
  exemplary: '示范',
  improve: '提升',
  rectify: '整改',
} as const satisfies Record<FollowUpBand, string>;

/** The levels that enter judgements, in the order a round passes them; a later level's value counts. */
export const reviewLevels = ['self', 'general_branch', 'department'] as const;
export type ReviewLevel = (typeof reviewLevels)[number];

export const reviewLevelLabels = {
  self: '自评',
  general_branch: '党总支审核',
  department: '组织部审核',
} as const satisfies Record<ReviewLevel, string>;

/**
 * Where an org stands in a round: 待自评 → 待总支审核 (only under a 党总支) → 待组织部审核 → 待党委审定 →
 * 公示中 → 已确定; 不参评 for an org not rated (too young).
 */
export const assessmentStatuses = [
  'self_assessment',
  'general_branch_review',
  'department_review',
  'committee_decision',
  'public_notice',
  'final',
  'not_rated',
] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

export const assessmentStatusLabels = {
  self_assessment: '待自评',
  general_branch_review: '待总支审核',
  department_review: '待组织部审核',
  committee_decision: '待党委审定',
  public_notice: '公示中',
  final: '已确定',
  not_rated: '不参评',
} as const satisfies Record<AssessmentStatus, string>;

/** What can be done to an org's assessment in a round. */
export const assessmentTransitions = [
  'submit_self',
  'general_branch_approve',
  'general_branch_return',
  'department_approve',
  'department_return',
  'record_decision',
  'decision_return',
  'objection',
  'finalise',
] as const;
export type AssessmentTransition = (typeof assessmentTransitions)[number];

export const assessmentTransitionLabels = {
  submit_self: '提交自评',
  general_branch_approve: '总支审核通过',
  general_branch_return: '总支退回',
  department_approve: '组织部审核通过',
  department_return: '组织部退回',
  record_decision: '登记党委审定结果并公示',
  decision_return: '党委退回复核',
  objection: '公示有异议，退回复核',
  finalise: '公示期满，确定结果',
} as const satisfies Record<AssessmentTransition, string>;

/** Who acts on a round: the assessed org, its 党总支, the 组织部 (which also records the 党委's decision). */
export const assessmentActors = ['org', 'general_branch', 'department'] as const;
export type AssessmentActor = (typeof assessmentActors)[number];

export const assessmentActorLabels = {
  org: '被考核党组织',
  general_branch: '党总支',
  department: '组织部',
} as const satisfies Record<AssessmentActor, string>;

/** Number of working days of a result's 公示 unless the round says otherwise. */
export const defaultAssessmentNoticeWorkingDays = 5;

/** Kinds of record a score can open (its provenance): the records a metric read, or a reviewer linked. */
export const assessmentRecordKinds = [
  'activity',
  'finding',
  'recruitment_step',
  'term',
  'rectification',
  'supervised_task',
  'transfer',
  'member_appraisal',
] as const;
export type AssessmentRecordKind = (typeof assessmentRecordKinds)[number];

export const assessmentRecordKindLabels = {
  activity: '组织生活记录',
  finding: '监测预警',
  recruitment_step: '发展党员程序步骤',
  term: '届次记录',
  rectification: '整改事项',
  supervised_task: '督办事项',
  transfer: '组织关系转接',
  member_appraisal: '民主评议党员',
} as const satisfies Record<AssessmentRecordKind, string>;

/** Built-in indicator systems a school copies and edits (templates.ts). */
export const assessmentTemplateKeys = [
  'star_branch',
  'standard_branch',
  'standard_secondary',
  'all_pass_branch',
  'annual_secondary',
] as const;
export type AssessmentTemplateKey = (typeof assessmentTemplateKeys)[number];

export const assessmentTemplateLabels = {
  star_branch: '星级党支部评定（六个方面）',
  standard_branch: '党支部标准化规范化建设达标验收（“七个有力”）',
  standard_secondary: '二级党组织标准化规范化建设达标验收（“五个到位”）',
  all_pass_branch: '党支部“个个过关、全面过硬”（五个过硬）',
  annual_secondary: '二级学院年度党建考评（100分）',
} as const satisfies Record<AssessmentTemplateKey, string>;
