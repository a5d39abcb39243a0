import { z } from 'zod';

/** What waits for someone, by kind (待办). */
export const inboxKinds = [
  'leave.decide',
  'correction.review',
  'transfer.confirm',
  'recruitment.step',
  'review.respond',
  'finding.assigned',
  'activity.close',
  'rectification.due',
  'rectification.returned',
  'rectification.verify',
  'rectification.extension',
  'inspection.feedback',
  'inspection.report',
  'inspection.lookback',
  'supervised_task.accept',
  'supervised_task.due',
  'supervised_task.report',
  'supervised_task.confirm',
  'supervised_task.extension',
  'training.new_secretary',
  'training.hours_short',
  'rectification_campaign.list',
  'rectification_campaign.summary',
  'assessment.self',
  'assessment.review',
  'assessment.decide',
  'duty_review.report',
  'duty_review.organise',
  'member_appraisal.self',
  'member_appraisal.step',
  'member_appraisal.plan',
  'ballot.vote',
  'ballot.publish',
] as const;
export type InboxKind = (typeof inboxKinds)[number];
export const inboxKindLabels = {
  'leave.decide': '审批请假',
  'correction.review': '审核信息更正',
  'transfer.confirm': '确认组织关系转接',
  'recruitment.step': '发展党员到期事项',
  'review.respond': '回复督促检查意见',
  'finding.assigned': '整改指派给我的预警',
  'activity.close': '完成并归档活动记录',
  'rectification.due': '整改事项到期',
  'rectification.returned': '整改被退回',
  'rectification.verify': '审核整改销号',
  'rectification.extension': '审批整改延期',
  'inspection.feedback': '录入巡察反馈',
  'inspection.report': '提交巡察整改报告',
  'inspection.lookback': '巡察整改回头看',
  'supervised_task.accept': '签收督办事项',
  'supervised_task.due': '督办事项到期',
  'supervised_task.report': '报告督办进展',
  'supervised_task.confirm': '确认督办办结',
  'supervised_task.extension': '审批督办延期',
  'training.new_secretary': '新任书记参加培训',
  'training.hours_short': '党员学时未达要求',
  'rectification_campaign.list': '提交问题清单',
  'rectification_campaign.summary': '提交整改总结',
  'assessment.self': '填写考核自评',
  'assessment.review': '审核考核评分',
  'assessment.decide': '考核审定、公示与确定结果',
  'duty_review.report': '撰写述职报告',
  'duty_review.organise': '推进述职评议',
  'member_appraisal.self': '填写民主评议个人自评',
  'member_appraisal.step': '推进民主评议党员',
  'member_appraisal.plan': '不合格党员限期改正到期',
  'ballot.vote': '参加投票',
  'ballot.publish': '结束投票并公布结果',
} as const satisfies Record<InboxKind, string>;

export const inboxItem = z.object({
  kind: z.enum(inboxKinds),
  title: z.string(),
  detail: z.string(),
  orgName: z.string().nullable(),
  /** By when it should be done, when there is a date. */
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  /** Where it is done (a path of the web app). */
  link: z.string(),
});
export type InboxItem = z.infer<typeof inboxItem>;

/** GET /api/inbox: everything waiting for the caller, most urgent first, with counts per kind. */
export const inboxResponse = z.object({
  items: z.array(inboxItem),
  total: z.number(),
  byKind: z.array(z.object({ kind: z.enum(inboxKinds), label: z.string(), count: z.number() })),
  today: z.string(),
});
export type InboxResponse = z.infer<typeof inboxResponse>;
