/**
 * Notifications: what happens that someone should hear of, through which channels, and when an outside
 * channel may carry it. In-app messages are always kept; e-mail (to the user's address) and the group
 * robots of 企业微信 and 钉钉 (one per org, set by its secretary) are optional. No leaderboard, no read
 * receipts for anyone but the reader: reminders, not nagging (2024 减负).
 */

export const notificationKinds = [
  'activity.published',
  'leave.requested',
  'leave.decided',
  'deadline.soon',
  'finding.assigned',
  'rectification.opened',
  'rectification.returned',
  'rectification.closed',
  'rectification.extension_decided',
  'rectification.reopened',
  'inspection.feedback',
  'inspection.report_returned',
  'inspection.lookback',
  'supervised_task.assigned',
  'supervised_task.decided',
  'supervised_task.overdue',
  'rectification_campaign.issued',
  'rectification_campaign.returned',
  'assessment.opened',
  'assessment.returned',
  'assessment.final',
  'duty_review.report_requested',
  'duty_review.published',
  'member_appraisal.opened',
  'ballot.closing',
  'ballot.published',
  'cadre.rotation',
  'cadre.term',
  'cadre_appointment.due',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindLabels = {
  'activity.published': '活动通知',
  'leave.requested': '请假申请',
  'leave.decided': '请假审批结果',
  'deadline.soon': '3 天内到期',
  'finding.assigned': '指派给我的预警',
  'rectification.opened': '新的整改事项',
  'rectification.returned': '整改被退回',
  'rectification.closed': '整改已销号',
  'rectification.extension_decided': '延期申请结果',
  'rectification.reopened': '回头看重新打开整改',
  'inspection.feedback': '巡察反馈与整改报告期限',
  'inspection.report_returned': '巡察整改报告被退回',
  'inspection.lookback': '巡察整改回头看结果',
  'supervised_task.assigned': '新的督办事项',
  'supervised_task.decided': '督办事项审核结果',
  'supervised_task.overdue': '督办事项逾期督促',
  'rectification_campaign.issued': '问题清单工作部署',
  'rectification_campaign.returned': '问题清单或整改总结被退回',
  'assessment.opened': '考核自评通知',
  'assessment.returned': '考核被退回',
  'assessment.final': '考核结果确定',
  'duty_review.report_requested': '撰写述职报告',
  'duty_review.published': '述职评议结果公布',
  'member_appraisal.opened': '民主评议党员开始',
  'ballot.closing': '投票即将结束',
  'ballot.published': '投票结果公布',
  'cadre.rotation': '干部交流提醒',
  'cadre.term': '干部任期届满提醒',
  'cadre_appointment.due': '干部选拔任用到期事项',
} as const satisfies Record<NotificationKind, string>;

/** Outside channels (in-app is always on). */
export const notificationChannels = ['email', 'wecom', 'dingtalk'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const notificationChannelLabels = {
  email: '电子邮件',
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
} as const satisfies Record<NotificationChannel, string>;

/** A user's choices. Quiet hours are local (Asia/Shanghai) 'HH:MM'; equal start and end means none. */
export interface NotificationPreferences {
  email: string | null;
  emailEnabled: boolean;
  /** Kinds the user does not want by e-mail (they stay in the message centre). */
  mutedKinds: NotificationKind[];
  quietStart: string;
  quietEnd: string;
  /** More e-mails than this in a day and the rest wait for the next morning's digest. */
  digestAfter: number;
}

export const defaultNotificationPreferences: NotificationPreferences = {
  email: null,
  emailEnabled: false,
  mutedKinds: [],
  quietStart: '22:00',
  quietEnd: '07:30',
  digestAfter: 5,
};

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const shanghaiOffsetMs = 8 * 3600_000;

/** Minutes since local midnight in Asia/Shanghai (no daylight saving). */
function localMinutes(at: Date): number {
  const ms = (at.getTime() + shanghaiOffsetMs) % 86_400_000;
  return Math.floor(ms / 60_000);
}

/** Whether `at` falls in the quiet window [start, end) (which may run over midnight). */
export function inQuietHours(at: Date, quiet: { quietStart: string; quietEnd: string }): boolean {
  const s = minutesOf(quiet.quietStart);
  const e = minutesOf(quiet.quietEnd);
  if (s === e) return false;
  const m = localMinutes(at);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** When an outside message may go: now, or at the end of the quiet hours. */
export function nextDeliveryAt(at: Date, quiet: { quietStart: string; quietEnd: string }): Date {
  if (!inQuietHours(at, quiet)) return at;
  const m = localMinutes(at);
  const e = minutesOf(quiet.quietEnd);
  const wait = (e - m + 1440) % 1440;
  const next = new Date(at.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}

/** Whether one more e-mail today would exceed the user's daily stream (then it waits for the digest). */
export function goesToDigest(sentToday: number, digestAfter: number): boolean {
  return sentToday >= digestAfter;
}
