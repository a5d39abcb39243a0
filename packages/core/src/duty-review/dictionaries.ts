/**
 * 书记抓基层党建述职评议考核 (述职评议): the levels a campaign reviews, its procedure's statuses and steps, and
 * what its timeline records (RULES.md: 中组部《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》2019 第二、三条).
 */

/**
 * Who a campaign reviews: the secretaries of the 党总支 and 直属党支部 (reviewed by the 党委), or of the 党支部 under
 * 党总支 (reviewed by their 总支; a campaign of the 党委 at this level covers every 总支's branches).
 */
export const dutyReviewLevels = ['secondary', 'branch'] as const;
export type DutyReviewLevel = (typeof dutyReviewLevels)[number];
export const dutyReviewLevelLabels = {
  secondary: '党总支、直属党支部书记',
  branch: '党支部书记',
} as const satisfies Record<DutyReviewLevel, string>;

/** 启动 → 述职报告 → 述职会（答辩、点评）→ 测评 → 综合评定 → 审定 → 公布. */
export const dutyReviewStatuses = [
  'launched',
  'reporting',
  'meeting',
  'voting',
  'grading',
  'approved',
  'published',
] as const;
export type DutyReviewStatus = (typeof dutyReviewStatuses)[number];
export const dutyReviewStatusLabels = {
  launched: '已启动',
  reporting: '撰写述职报告',
  meeting: '述职会',
  voting: '民主测评',
  grading: '综合评定',
  approved: '已审定',
  published: '已公布',
} as const satisfies Record<DutyReviewStatus, string>;

export const dutyReviewTransitions = [
  'open_reports',
  'hold_meeting',
  'open_voting',
  'close_voting',
  'approve',
  'publish',
] as const;
export type DutyReviewTransition = (typeof dutyReviewTransitions)[number];
export const dutyReviewTransitionLabels = {
  open_reports: '通知撰写述职报告',
  hold_meeting: '召开述职会',
  open_voting: '开始民主测评',
  close_voting: '结束测评、进入综合评定',
  approve: '党委（党总支）审定',
  publish: '公布结果',
} as const satisfies Record<DutyReviewTransition, string>;

/** What a campaign's timeline records besides its steps. */
export const dutyReviewEventKinds = [
  'created',
  'report_submitted',
  'question',
  'comment',
  'graded',
  'rectifications',
  ...dutyReviewTransitions,
] as const;
export type DutyReviewEventKind = (typeof dutyReviewEventKinds)[number];
export const dutyReviewEventLabels = {
  created: '启动述职评议',
  report_submitted: '提交述职报告',
  question: '记录答辩',
  comment: '点评',
  graded: '综合评定',
  rectifications: '点评意见转为整改事项',
  ...dutyReviewTransitionLabels,
} as const satisfies Record<DutyReviewEventKind, string>;

/** Who may vote (民主测评): the reviewing org's committee members, the secretaries reviewed, named representatives. */
export const dutyReviewVoterGroups = ['committee', 'secretaries', 'representatives'] as const;
export type DutyReviewVoterGroup = (typeof dutyReviewVoterGroups)[number];
export const dutyReviewVoterGroupLabels = {
  committee: '党委（党总支）委员',
  secretaries: '参加述职的书记',
  representatives: '党员代表',
} as const satisfies Record<DutyReviewVoterGroup, string>;
