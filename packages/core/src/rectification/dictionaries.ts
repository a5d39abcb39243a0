/**
 * Enumerations of rectification (整改) and supervised tasks (督办), with their Chinese labels. Codes
 * follow GLOSSARY.md: a rectification item comes from one source and is closed (销号) by the level
 * above; a supervised task follows a decision of the 党委会 until it is done.
 */

/** Where a rectification item comes from; every source goes through the same service call. */
export const rectificationSources = [
  'finding',
  'supervision_check',
  'life_meeting',
  'inspection',
  'duty_report',
  'assessment',
  'all_pass_visit',
  'upper_check',
  'manual',
] as const;
export type RectificationSource = (typeof rectificationSources)[number];

export const rectificationSourceLabels = {
  finding: '监测预警',
  supervision_check: '督促检查',
  life_meeting: '组织生活会/民主生活会',
  inspection: '巡察反馈',
  duty_report: '述职评议',
  assessment: '考核扣分',
  all_pass_visit: '个个过关',
  upper_check: '上级督查',
  manual: '自查发现',
} as const satisfies Record<RectificationSource, string>;

/** States of a rectification item: 待整改 → 整改中 → 已提交 → 已销号. */
export const rectificationStatuses = ['pending', 'in_progress', 'submitted', 'closed'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

export const rectificationStatusLabels = {
  pending: '待整改',
  in_progress: '整改中',
  submitted: '已提交',
  closed: '已销号',
} as const satisfies Record<RectificationStatus, string>;

/** What can be done to a rectification item. */
export const rectificationTransitions = [
  'start',
  'submit',
  'verify',
  'return',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'reopen',
] as const;
export type RectificationTransition = (typeof rectificationTransitions)[number];

export const rectificationTransitionLabels = {
  start: '开始整改',
  submit: '提交销号',
  verify: '审核销号',
  return: '退回重改',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  reject_extension: '不同意延期',
  reopen: '回头看发现反弹',
} as const satisfies Record<RectificationTransition, string>;

/**
 * What proves an item rectified: first a record in the platform (the meeting held, the term recorded, the
 * dossier step, the transfer, the finding resolved); a file only where nothing recorded proves it.
 */
export const rectificationEvidenceKinds = [
  'activity',
  'term',
  'recruitment_step',
  'transfer',
  'finding',
  'file',
] as const;
export type RectificationEvidenceKind = (typeof rectificationEvidenceKinds)[number];

/** Evidence kinds that link a record by its numeric id (a finding is linked by its key). */
export const rectificationRecordKinds = ['activity', 'term', 'recruitment_step', 'transfer'] as const;
export type RectificationRecordKind = (typeof rectificationRecordKinds)[number];

export const rectificationEvidenceKindLabels = {
  activity: '组织生活记录',
  term: '换届（届次）记录',
  recruitment_step: '发展党员程序步骤',
  transfer: '组织关系转接',
  finding: '已解决的预警',
  file: '文件',
} as const satisfies Record<RectificationEvidenceKind, string>;

/** What an item's timeline records: its creation, edits, progress notes, evidence and every transition. */
export const rectificationEventKinds = [
  'created',
  'edited',
  'progress',
  'evidence_added',
  'evidence_removed',
  ...rectificationTransitions,
] as const;
export type RectificationEventKind = (typeof rectificationEventKinds)[number];

export const rectificationEventLabels = {
  created: '登记整改事项',
  edited: '修改',
  progress: '整改进展',
  evidence_added: '添加佐证',
  evidence_removed: '删除佐证',
  ...rectificationTransitionLabels,
} as const satisfies Record<RectificationEventKind, string>;

/** States of a supervised task (督办): 待签收 → 办理中 → 已报办结 → 已办结; 逾期 is derived from the deadline. */
export const supervisedTaskStatuses = [
  'awaiting_acceptance',
  'in_progress',
  'reported_done',
  'done',
] as const;
export type SupervisedTaskStatus = (typeof supervisedTaskStatuses)[number];

export const supervisedTaskStatusLabels = {
  awaiting_acceptance: '待签收',
  in_progress: '办理中',
  reported_done: '已报办结',
  done: '已办结',
} as const satisfies Record<SupervisedTaskStatus, string>;

/** What can be done to a supervised task. */
export const supervisedTaskTransitions = [
  'accept',
  'report_done',
  'confirm_done',
  'return',
  'request_extension',
  'approve_extension',
  'reject_extension',
] as const;
export type SupervisedTaskTransition = (typeof supervisedTaskTransitions)[number];

export const supervisedTaskTransitionLabels = {
  accept: '签收',
  report_done: '报告办结',
  confirm_done: '确认办结',
  return: '退回继续办理',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  reject_extension: '不同意延期',
} as const satisfies Record<SupervisedTaskTransition, string>;

/** How often a supervised task's lead unit reports progress. */
export const progressReportCadences = ['none', 'weekly', 'monthly', 'quarterly'] as const;
export type ProgressReportCadence = (typeof progressReportCadences)[number];

export const progressReportCadenceLabels = {
  none: '办结时报告',
  weekly: '每周报告',
  monthly: '每月报告',
  quarterly: '每季度报告',
} as const satisfies Record<ProgressReportCadence, string>;
