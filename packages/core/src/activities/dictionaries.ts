/** Enumerations of organisational life (组织生活), with their Chinese labels. Codes follow GLOSSARY.md. */
import type { OrgType } from '../dictionaries.ts';

/**
 * Kinds of activity record. 党务工作例会 and 党政联席会议 have no glossary code; `work_meeting` and `joint_meeting`
 * are ours.
 */
export const activityKinds = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'lecture',
  'theme_day',
  'review_meeting',
  'leadership_review_meeting',
  'member_appraisal',
  'talk',
  'study_group_session',
  'work_meeting',
  'joint_meeting',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityKindLabels = {
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  lecture: '党课',
  theme_day: '主题党日',
  review_meeting: '组织生活会',
  leadership_review_meeting: '民主生活会',
  member_appraisal: '民主评议党员',
  talk: '谈心谈话',
  study_group_session: '理论学习中心组学习',
  work_meeting: '党务工作例会',
  joint_meeting: '党政联席会',
} as const satisfies Record<ActivityKind, string>;

/** 三会一课: the kinds the branch ledger (台账) lists. */
export const threeMeetingsOneLecture = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'lecture',
] as const satisfies readonly ActivityKind[];

/**
 * Which org types may hold each kind. Branch kinds are held by 党支部 (and 联合/临时 支部); a 党小组会
 * by a 党小组; 民主生活会 and 中心组 by the 党委 (and a 党总支, which colleges often also run). The 党政联席会
 * (二级学院党政联席会议) is the 二级学院's: its 党总支 meets with the 学院's administration (院长、副院长) to decide
 * the 学院's important matters together (《中国共产党普通高等学校基层组织工作条例》（2021）: 院（系）级党组织通过
 * 党政联席会议讨论和决定本单位重要事项). Only a 党总支 holds one here: the 党委 decides at the 党委会 (the school's own joint
 * body is the 校长办公会, not a party record), and a 直属党支部 of a 机关/教辅 unit has no 学院 administration
 * beside it and no unit below it that a decision could be given to.
 */
export const activityKindOrgTypes = {
  general_meeting: ['branch', 'joint_branch', 'temporary_branch', 'general_branch'],
  committee_meeting: ['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'committee'],
  group_meeting: ['group'],
  lecture: ['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'committee'],
  theme_day: ['branch', 'joint_branch', 'temporary_branch'],
  review_meeting: ['branch', 'joint_branch', 'temporary_branch'],
  leadership_review_meeting: ['committee', 'general_branch'],
  member_appraisal: ['branch', 'joint_branch', 'temporary_branch'],
  talk: ['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'committee', 'group'],
  study_group_session: ['committee', 'general_branch'],
  work_meeting: ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'],
  joint_meeting: ['general_branch'],
} as const satisfies Record<ActivityKind, readonly OrgType[]>;

/** True when an org of `type` may hold an activity of `kind`. */
export function canHoldActivity(type: OrgType, kind: ActivityKind): boolean {
  return (activityKindOrgTypes[kind] as readonly OrgType[]).includes(type);
}

/**
 * Life cycle of a record: planned → notice published → held (sign-in open, minutes being written) →
 * closed (the record is complete and counts in compliance and ledgers). Cancelled from any but closed.
 */
export const activityStatuses = ['planned', 'published', 'held', 'closed', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];
export const activityStatusLabels = {
  planned: '筹备中',
  published: '已发通知',
  held: '进行中',
  closed: '已归档',
  cancelled: '已取消',
} as const satisfies Record<ActivityStatus, string>;

/** An attendee's state: expected until they sign in, ask for leave, or the record closes (→ absent). */
export const attendanceStatuses = ['expected', 'present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceStatusLabels = {
  expected: '应到',
  present: '出席',
  leave: '请假',
  absent: '缺席',
} as const satisfies Record<AttendanceStatus, string>;

/** A leave request's state (请假须经书记批准). */
export const leaveStatuses = ['requested', 'approved', 'rejected'] as const;
export type LeaveStatus = (typeof leaveStatuses)[number];
export const leaveStatusLabels = {
  requested: '待批准',
  approved: '已批准',
  rejected: '未批准',
} as const satisfies Record<LeaveStatus, string>;

/** How someone came to be marked present. */
export const signInMethods = ['qr', 'manual'] as const;
export type SignInMethod = (typeof signInMethods)[number];
export const signInMethodLabels = { qr: '扫码签到', manual: '手工补签' } as const satisfies Record<
  SignInMethod,
  string
>;

/** Why someone is on the list: a member of the org, an invited guest, or a party-member leader in 双重组织生活. */
export const attendeeRoles = ['member', 'dual_life', 'guest'] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];
export const attendeeRoleLabels = {
  member: '本组织党员',
  dual_life: '双重组织生活',
  guest: '列席',
} as const satisfies Record<AttendeeRole, string>;

/** Outcome of a resolution: voted and passed, voted and not passed, or recorded without a vote. */
export const resolutionOutcomes = ['passed', 'failed', 'recorded'] as const;
export type ResolutionOutcome = (typeof resolutionOutcomes)[number];
export const resolutionOutcomeLabels = {
  passed: '通过',
  failed: '未通过',
  recorded: '不表决',
} as const satisfies Record<ResolutionOutcome, string>;

/** Ratings of a supervision check (督促检查). */
export const reviewRatings = ['standard', 'basic', 'nonstandard'] as const;
export type ReviewRating = (typeof reviewRatings)[number];
export const reviewRatingLabels = {
  standard: '规范',
  basic: '基本规范',
  nonstandard: '不规范',
} as const satisfies Record<ReviewRating, string>;

/** Kinds of file attached to a record. */
export const attachmentKinds = ['photo', 'file'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];
export const attachmentKindLabels = { photo: '照片', file: '附件' } as const satisfies Record<
  AttachmentKind,
  string
>;

/** Default segments of a 主题党日 (schools often require 1小时学习、1小时交流、1小时实做). */
export const defaultThemeDaySegments = [
  { name: '学习', minutes: 60 },
  { name: '交流', minutes: 60 },
  { name: '实做', minutes: 60 },
] as const;

/** Kinds whose voting rules (quorum, majority of all entitled) apply to their resolutions. */
export const votingKinds = [
  'general_meeting',
  'committee_meeting',
] as const satisfies readonly ActivityKind[];
