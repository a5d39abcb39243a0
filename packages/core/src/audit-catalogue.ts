/**
 * What the audit log says in Chinese: every action a route or a platform step writes, grouped for the
 * auditor's filter, and the kinds of object entries are about. A test walks the route table so that no
 * declared action goes without its name.
 */
import { activityTransitionLabels } from './contracts/activity.ts';
import { transferActionLabels } from './members/transfer-dictionaries.ts';

export const auditGroups = [
  '登录与账号',
  '党组织',
  '党员',
  '组织生活',
  '发展党员',
  '监测预警',
  '设置',
  '消息',
  '系统',
] as const;
export type AuditGroup = (typeof auditGroups)[number];

const entries: [action: string, label: string, group: AuditGroup][] = [
  ['auth.login', '登录', '登录与账号'],
  ['auth.logout', '退出登录', '登录与账号'],
  ['auth.password.change', '修改密码', '登录与账号'],
  ['access.denied', '越权访问被拒绝', '登录与账号'],
  ['user.create', '新建账号', '登录与账号'],
  ['user.update', '修改账号', '登录与账号'],
  ['user.reset-password', '重置密码', '登录与账号'],
  ['user.unlock', '解锁账号', '登录与账号'],
  ['account.recover', '服务器命令行恢复账号', '登录与账号'],
  ['org.create', '新建党组织', '党组织'],
  ['org.update', '修改党组织', '党组织'],
  ['org.move', '调整隶属关系', '党组织'],
  ['org.archive', '撤销党组织', '党组织'],
  ['org.restore', '恢复党组织', '党组织'],
  ['term.create', '换届（录入新一届）', '党组织'],
  ['term.update', '修改届次', '党组织'],
  ['appointment.create', '任命职务', '党组织'],
  ['appointment.end', '免去职务', '党组织'],
  ['unit.create', '新建单位', '党组织'],
  ['unit.update', '修改单位', '党组织'],
  ['major.create', '新建专业', '党组织'],
  ['person.dual-leader', '认定双带头人', '党组织'],
  ['member.create', '新增党员', '党员'],
  ['member.update', '修改党员信息', '党员'],
  ['member.leave', '党员离开在册名单', '党员'],
  ['member.reveal', '查看完整身份证号或电话', '党员'],
  ['member.export', '导出党员名册', '党员'],
  ['member.import', '导入党员名册', '党员'],
  ['member.correction.request', '申请更正党员信息', '党员'],
  ['member.correction.withdraw', '撤回更正申请', '党员'],
  ['member.correction.decide', '审核更正申请', '党员'],
  ['member.correction.reveal', '查看更正申请的完整号码', '党员'],
  ['transfer.create', '登记组织关系转接', '党员'],
  ['transfer.letter', '开具或下载介绍信', '党员'],
  ['transfer.receipt', '组织关系转接：登记回执', '党员'],
  ...Object.entries(transferActionLabels).map(
    ([k, v]) => [`transfer.${k}`, `组织关系转接：${v}`, '党员'] as [string, string, AuditGroup],
  ),
  ['activity.create', '新建活动记录', '组织生活'],
  ['activity.update', '修改活动记录', '组织生活'],
  ...Object.entries(activityTransitionLabels).map(
    ([k, v]) => [`activity.${k}`, `活动：${v}`, '组织生活'] as [string, string, AuditGroup],
  ),
  ['activity.attendance', '登记出席情况', '组织生活'],
  ['activity.guests', '调整列席人员', '组织生活'],
  ['activity.leave.request', '申请请假', '组织生活'],
  ['activity.leave.decide', '审批请假', '组织生活'],
  ['activity.resolutions', '登记决议', '组织生活'],
  ['activity.attachment.add', '上传活动附件', '组织生活'],
  ['activity.attachment.delete', '删除活动附件', '组织生活'],
  ['activity.review', '督促检查评价', '组织生活'],
  ['activity.review.respond', '回复督促检查意见', '组织生活'],
  ['recruitment.create', '新建发展党员档案', '发展党员'],
  ['recruitment.update', '修改发展党员档案', '发展党员'],
  ['recruitment.step', '登记发展步骤', '发展党员'],
  ['recruitment.reveal', '查看申请人完整号码', '发展党员'],
  ['recruitment.document.add', '上传发展材料', '发展党员'],
  ['recruitment.document.delete', '删除发展材料', '发展党员'],
  ['recruitment.document.own', '申请人上传思想汇报', '发展党员'],
  ['recruitment.template.upload', '上传材料模板', '发展党员'],
  ['recruitment.template.reset', '恢复默认材料模板', '发展党员'],
  ['alert.acknowledge', '确认预警', '监测预警'],
  ['alert.assign', '指派预警', '监测预警'],
  ['setting.rules.update', '修改规则设置', '设置'],
  ['setting.security.update', '修改安全策略', '设置'],
  ['setting.go_live.update', '修改启用日期', '设置'],
  ['notification.preferences', '修改通知设置', '消息'],
  ['notification.robot.create', '添加群机器人', '消息'],
  ['notification.robot.delete', '删除群机器人', '消息'],
  ['notification.robot.test', '群机器人测试消息', '消息'],
  ['setup', '初始化', '系统'],
  ['setup.own', '初始化本校', '系统'],
  ['setup.demo', '载入演示学校', '系统'],
];

/** Chinese name of every audit action. */
export const auditActionLabels: Readonly<Record<string, string>> = Object.fromEntries(
  entries.map(([a, l]) => [a, l]),
);

/** The actions as the auditor's filter offers them, by group. */
export const auditActionCatalogue = entries.map(([action, label, group]) => ({ action, label, group }));

/** What an entry is about. */
export const auditTargetTypeLabels: Readonly<Record<string, string>> = {
  org: '党组织',
  term: '届次',
  appointment: '职务任免',
  unit: '单位',
  major: '专业',
  person: '人员',
  member_correction: '更正申请',
  member_import: '名册导入',
  transfer: '组织关系转接',
  activity: '活动记录',
  recruitment: '发展党员档案',
  recruitment_template: '材料模板',
  finding: '预警',
  setting: '设置',
  institution: '学校',
  user: '账号',
  org_robot: '群机器人',
};
