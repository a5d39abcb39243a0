/**
 * What the audit log says in Chinese: every action a route or a platform step writes, grouped for the
 * auditor's filter, and the kinds of object entries are about. A test walks the route table so that no
 * declared action goes without its name.
 */
import {
  activityKindLabels,
  activityStatusLabels,
  attendanceStatusLabels,
} from './activities/dictionaries.ts';
import { correctionPlanStatusLabels, correctionProposalLabels } from './appraisal/correction-plan.ts';
import { appraisalStatusLabels, appraisalTransitionLabels } from './appraisal/procedure.ts';
import {
  assessmentKindLabels,
  assessmentStatusLabels,
  assessmentTransitionLabels,
  followUpBandLabels,
  reviewLevelLabels,
} from './assessment/dictionaries.ts';
import { appraisalGradeLabels, cadreReviewGradeLabels, dutyReviewGradeLabels } from './ballots/choices.ts';
import { appointmentStatusLabels, appointmentStepLabels } from './cadres/appointment.ts';
import { appointmentSettingsLabels } from './cadres/appointment-settings.ts';
import {
  reserveLevelLabels,
  reservePlanKindLabels,
  reserveStatusLabels,
  reserveStepLabels,
} from './cadres/reserve.ts';
import {
  cadreConsequenceKindLabels,
  cadreReviewStatusLabels,
  cadreReviewStepLabels,
} from './cadres/review.ts';
import { cadreRotationKindLabels, cadreTermSettingsLabels } from './cadres/rotation.ts';
import { activityTransitionLabels } from './contracts/activity.ts';
import { assessmentFieldLabels } from './contracts/assessment.ts';
import { cadreFieldLabels, cadrePostLevelLabels, cadreTrackLabels } from './contracts/cadre.ts';
import { cadreAppointmentFieldLabels } from './contracts/cadre-appointment.ts';
import { reserveFieldLabels } from './contracts/cadre-reserve.ts';
import { cadreReviewFieldLabels } from './contracts/cadre-review.ts';
import { dutyReviewFieldLabels } from './contracts/duty-review.ts';
import { inspectionFieldLabels } from './contracts/inspection.ts';
import { memberAppraisalFieldLabels } from './contracts/member-appraisal.ts';
import { rectificationFieldLabels } from './contracts/rectification.ts';
import { campaignFieldLabels } from './contracts/rectification-campaign.ts';
import { supervisedTaskFieldLabels } from './contracts/supervised-task.ts';
import { trainingFieldLabels } from './contracts/training.ts';
import {
  genderLabels,
  majorKindLabels,
  memberCategoryLabels,
  orgCategoryLabels,
  orgTypeLabels,
  partyStatusLabels,
  postLabels,
  teamKindLabels,
  unitKindLabels,
} from './dictionaries.ts';
import {
  dutyReviewLevelLabels,
  dutyReviewStatusLabels,
  dutyReviewTransitionLabels,
} from './duty-review/dictionaries.ts';
import { dualLeaderKindLabels, memberStatusLabels } from './members/dictionaries.ts';
import { memberFieldLabels } from './members/rules.ts';
import {
  transferActionLabels,
  transferKindLabels,
  transferStatusLabels,
} from './members/transfer-dictionaries.ts';
import { campaignKindLabels, campaignPartLabels } from './rectification/campaign.ts';
import {
  progressReportCadenceLabels,
  rectificationEvidenceKindLabels,
  rectificationSourceLabels,
  rectificationStatusLabels,
  rectificationTransitionLabels,
  supervisedTaskStatusLabels,
  supervisedTaskTransitionLabels,
} from './rectification/dictionaries.ts';
import {
  inspectionKindLabels,
  inspectionLookbackOutcomeLabels,
  inspectionTeamRoleLabels,
  inspectionUnitStatusLabels,
} from './rectification/inspection.ts';
import { ruleSettingLabels, securityPolicyLabels } from './settings.ts';
import { trainingSettingsLabels } from './training/settings.ts';

export const auditGroups = [
  '登录与账号',
  '党组织',
  '党员',
  '组织生活',
  '发展党员',
  '监测预警',
  '整改',
  '督办',
  '考核',
  '培训',
  '干部',
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
  ['rectification.create', '登记整改事项', '整改'],
  ['rectification.from_finding', '由预警生成整改事项', '整改'],
  ['rectification.update', '修改整改事项', '整改'],
  ['rectification.transition', '整改事项办理（开始、提交、销号、退回、延期、回头看）', '整改'],
  ['rectification.evidence.add', '关联整改佐证记录', '整改'],
  ['rectification.evidence.upload', '上传整改佐证文件', '整改'],
  ['rectification.evidence.delete', '删除整改佐证', '整改'],
  ['rectification.progress', '填报整改进展', '整改'],
  ['inspection.create', '登记巡察轮次', '整改'],
  ['inspection.update', '修改巡察轮次', '整改'],
  ['inspection.feedback', '录入巡察反馈（生成整改事项）', '整改'],
  ['inspection.report', '提交巡察整改报告', '整改'],
  ['inspection.return', '退回巡察整改报告', '整改'],
  ['inspection.lookback', '记录巡察整改回头看', '整改'],
  ['supervised_task.create', '交办督办事项', '督办'],
  ['supervised_task.update', '修改督办事项', '督办'],
  ['supervised_task.transition', '督办事项办理（签收、报告办结、确认办结、退回、延期）', '督办'],
  ['supervised_task.progress', '报告督办事项进展', '督办'],
  ['member_appraisal.create', '启动民主评议党员', '组织生活'],
  [
    'member_appraisal.transition',
    '民主评议党员流转（互评、民主测评、支委会提出、党员大会决定等次）',
    '组织生活',
  ],
  ['member_appraisal.self_assessment', '填写民主评议个人自评', '组织生活'],
  ['member_appraisal.peer_comment', '填写党员互评意见', '组织生活'],
  ['member_appraisal.plan_note', '记录限期改正情况', '组织生活'],
  ['member_appraisal.plan_outcome', '限期改正作出结论', '组织生活'],
  ['indicator_system.create', '新建考核指标体系', '考核'],
  ['indicator_system.update', '修改考核指标体系', '考核'],
  ['assessment.create', '发起考核', '考核'],
  ['assessment.update', '修改考核（名称、自评和审核截止日期、公示工作日数）', '考核'],
  ['assessment.judge', '填写考核自评或审核评分', '考核'],
  ['assessment.transition', '考核流转（提交自评、审核、退回、党委审定并公示、确定结果）', '考核'],
  ['rectification_campaign.create', '部署问题清单工作', '整改'],
  ['rectification_campaign.submit_list', '提交问题清单', '整改'],
  ['rectification_campaign.submit_summary', '提交整改总结', '整改'],
  ['rectification_campaign.return', '退回问题清单或整改总结', '整改'],
  ['ballot.vote', '投票（只记投票人已投票，不记选择）', '组织生活'],
  ['ballot.close', '结束投票', '组织生活'],
  ['ballot.publish', '公布投票结果', '组织生活'],
  ['ballot.paper_voters', '登记纸质投票人', '组织生活'],
  ['ballot.paper_batch', '登记纸质选票批次', '组织生活'],
  ['ballot.paper_entry', '录入纸质选票（计票人）', '组织生活'],
  ['duty_review.create', '启动述职评议', '考核'],
  ['duty_review.transition', '述职评议流转（述职会、测评、综合评定、审定、公布）', '考核'],
  ['duty_review.report', '撰写或提交述职报告', '考核'],
  ['duty_review.question', '记录述职答辩', '考核'],
  ['duty_review.comment', '述职点评', '考核'],
  ['duty_review.grade', '述职评议综合评定', '考核'],
  ['duty_review.rectifications', '述职点评转为整改事项', '考核'],
  ['training.create', '举办培训班', '培训'],
  ['training.enrol', '培训班增加参训人员', '培训'],
  ['training.attendance', '登记培训签到或缺勤', '培训'],
  ['training.external.create', '录入外部培训', '培训'],
  ['training.external.certificate', '上传外部培训证书', '培训'],
  ['cadre.create', '干部名册增加干部', '干部'],
  ['cadre.update', '修改干部档案（任职、免职）', '干部'],
  ['cadre.rotate', '干部交流轮岗', '干部'],
  ['setting.cadre_terms.update', '修改干部任期与交流设置', '设置'],
  ['cadre_appointment.create', '干部选拔任用动议', '干部'],
  [
    'cadre_appointment.step',
    '干部选拔任用步骤（推荐、考察、决定、公示、任职、转正、免去试任职务、终止）',
    '干部',
  ],
  ['setting.cadre_appointment.update', '修改干部选拔任用设置', '设置'],
  ['cadre_review.create', '建立中层干部年度考核', '干部'],
  ['cadre_review.step', '年度考核流转（述职、民主测评、评定、公布）', '干部'],
  ['cadre_review.report', '登记干部述职', '干部'],
  ['cadre_review.grade', '年度考核评定等次', '干部'],
  ['cadre_review.consequence', '登记考核结果运用（黄牌、红牌、调整职务）', '干部'],
  ['cadre_reserve.create', '提名后备干部', '干部'],
  ['cadre_reserve.update', '修改后备干部档案', '干部'],
  ['cadre_reserve.step', '后备干部入库、培养、动态调整、提任或调出', '干部'],
  ['cadre_reserve.plan_item', '制定或落实后备干部培养计划', '干部'],
  ['cadre_reserve.secondment', '登记后备干部挂职', '干部'],
  ['cadre_reserve.rotation', '登记后备干部轮岗', '干部'],
  ['setting.cadre_reserve.update', '修改后备干部设置', '设置'],
  ['setting.training.update', '修改培训学时与党务工作激励设置', '设置'],
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
  rectification: '整改事项',
  inspection: '巡察轮次',
  supervised_task: '督办事项',
  training_course: '培训班',
  external_training: '外部培训',
  cadre: '干部档案',
  cadre_appointment: '干部选拔任用',
  cadre_review: '中层干部年度考核',
  cadre_reserve: '后备干部',
  member_appraisal: '民主评议党员',
  member_appraisal_plan: '限期改正',
  rectification_campaign: '问题清单',
  indicator_system: '考核指标体系',
  assessment_round: '考核轮次',
  org_assessment: '党组织考核',
  duty_review: '述职评议',
  setting: '设置',
  institution: '学校',
  user: '账号',
  org_robot: '群机器人',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An entry's before/after snapshot as dot paths to leaves (arrays and scalars are leaves; an empty
 * object is a leaf of its own path). The diff view compares these, field by field.
 */
export function auditFieldPaths(value: unknown, prefix = '', out = new Map<string, unknown>()) {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [k, v] of entries) auditFieldPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

/**
 * Chinese names of the fields an entry's before/after snapshots hold (each segment of a dot path is
 * named on its own: `filter.orgId` reads 筛选条件 · 党组织). The tests' every audit entry is checked
 * against this table when its database closes, so a new field cannot reach the log unnamed.
 */
const fieldLabels: Readonly<Record<string, string>> = {
  ...ruleSettingLabels,
  ...securityPolicyLabels,
  ...memberFieldLabels,
  accounts: '账号',
  added: '增加',
  appliedOn: '申请入党日期',
  archived: '已撤销',
  attachmentId: '附件编号',
  category: '类别',
  code: '组织代码',
  columns: '导出的列',
  committeeName: '党委名称',
  contentComment: '内容评价',
  correctionIds: '更正申请编号',
  created: '新增',
  date: '日期',
  digestAfter: '每日超过几条改为汇总',
  disabled: '已停用',
  displayName: '姓名',
  documentId: '材料编号',
  email: '电子邮箱',
  emailEnabled: '邮件通知',
  electionRequestedOn: '换届请示日期',
  electedOn: '选举日期',
  endDate: '结束日期',
  endedPosts: '免去的职务',
  expected: '应到人数',
  expiresOn: '有效期至',
  failedAttempts: '连续登录失败次数',
  fields: '修改的字段',
  fileName: '文件名',
  filter: '筛选条件',
  foundedOn: '成立日期',
  fromOrgId: '转出党组织',
  goLiveDate: '启用日期',
  id: '编号',
  issuedOn: '开具日期',
  kind: '类型',
  layout: '模板格式',
  leavesOn: '预计离校日期',
  leftOn: '离开日期',
  letterNumber: '介绍信编号',
  lockedUntil: '锁定至',
  mustChangePassword: '须修改密码',
  mutedKinds: '不接收的消息',
  name: '名称',
  note: '说明',
  number: '届次',
  order: '排序方向',
  orgId: '党组织',
  overrides: '例外办理说明',
  parentId: '上级党组织',
  path: '组织路径',
  personId: '人员',
  personIds: '人员',
  personStatus: '人员状态',
  placedOn: '编入日期',
  placeholders: '模板占位符',
  plannedEndDate: '届满日期',
  post: '职务',
  postponedTo: '延期至',
  postponementApprovedOn: '延期批准日期',
  postsEnded: '免去的职务',
  procedureComment: '程序评价',
  quietEnd: '免打扰结束',
  quietStart: '免打扰开始',
  rating: '评价',
  reactivated: '恢复在册',
  reason: '原因',
  receiptOn: '回执日期',
  receivedOn: '接收日期',
  removed: '移除',
  requestedOn: '申请日期',
  response: '回复',
  reviewId: '督促检查意见编号',
  roles: '角色',
  rowCount: '行数',
  ruleStarts: '各规则起算日期',
  scale: '规模',
  schoolName: '学校名称',
  sha256: '文件校验值（SHA-256）',
  shortName: '简称',
  signInMethod: '签到方式',
  signInOpen: '开放签到',
  size: '文件大小（字节）',
  sort: '排序字段',
  sortOrder: '排序',
  staffCount: '教职工人数',
  startDate: '开始日期',
  startsAt: '开始时间',
  status: '状态',
  step: '步骤',
  studentCount: '学生人数',
  team: '班子成员',
  teamKind: '班子类型',
  termId: '届次编号',
  toOrgId: '转入党组织',
  transferredOn: '转出日期',
  type: '组织类型',
  unchanged: '未变化',
  unmasked: '显示完整号码',
  updated: '更新',
  url: '地址',
  username: '用户名',
  validDays: '有效天数',
  version: '版本',
  warnings: '提示',
};

/** What a rectification item's entries hold, beyond the general names. */
const rectificationAuditFields: Readonly<Record<string, string>> = {
  ...rectificationFieldLabels,
  evidenceId: '佐证编号',
  extensions: '已延期次数',
  originalDeadline: '原定整改期限',
  reopenCount: '反弹次数',
  status: '状态',
};

/** What a campaign's entries hold, beyond the general names. */
const campaignAuditFields: Readonly<Record<string, string>> = {
  ...campaignFieldLabels,
  orgCount: '参加的党组织数',
  listSubmitted: '问题清单已提交',
  summarySubmitted: '整改总结已提交',
  items: '问题数',
  closed: '已销号',
  open: '整改中',
  overdue: '逾期',
  figures: '整改数据',
  ballot: '投票',
};

/** What a 巡察 round's entries hold, beyond the general names. */
const inspectionAuditFields: Readonly<Record<string, string>> = {
  ...inspectionFieldLabels,
  status: '状态',
  rectificationIds: '生成的整改事项',
  reopened: '重新打开的整改事项',
  figures: '整改数据',
  total: '问题总数',
  closed: '已销号',
  inProgress: '整改中',
  overdue: '逾期',
};

/** What an assessment's entries hold, beyond the general names. */
const assessmentAuditFields: Readonly<Record<string, string>> = {
  ...assessmentFieldLabels,
  name: '名称',
  status: '状态',
  source: '创建方式',
  copiedFromId: '复制自',
  roundId: '考核轮次',
  orgCount: '参加考核的党组织数',
  notRated: '不参评的党组织数',
  selfDueOn: '自评截止日期',
  reviewDueOn: '审核截止日期',
  total: '总分',
  stars: '星级',
  passed: '是否达标',
  vetoed: '触发一票否决',
  followUp: '示范 / 提升 / 整改',
  rectificationIds: '生成的整改事项',
  fields: '修改的字段',
  reviewLevel: '评分环节',
  pending: '待评分项数',
};

/** What a 述职评议's entries hold, beyond its request fields. */
const dutyReviewAuditFields: Readonly<Record<string, string>> = {
  ...dutyReviewFieldLabels,
  subjects: '述职书记人数',
  voters: '参加测评人数',
  length: '字数',
  subjectId: '述职书记',
  ballotId: '测评票',
  computedGrade: '计算等次',
  rectificationIds: '生成的整改事项',
};

/** Fields whose name differs by what the entry is about (a member's 职称, an activity's 标题). */
const fieldLabelsByAction: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('duty_review.'))
      .map(([action]) => [action, dutyReviewAuditFields]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('inspection.'))
      .map(([action]) => [action, inspectionAuditFields]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('rectification.'))
      .map(([action]) => [action, rectificationAuditFields]),
  ),
  'setting.training.update': trainingSettingsLabels,
  'cadre.create': cadreFieldLabels,
  'cadre.update': cadreFieldLabels,
  'cadre.rotate': cadreFieldLabels,
  'setting.cadre_terms.update': cadreTermSettingsLabels,
  'cadre_appointment.create': cadreAppointmentFieldLabels,
  'cadre_appointment.step': cadreAppointmentFieldLabels,
  'setting.cadre_appointment.update': appointmentSettingsLabels,
  'cadre_reserve.create': reserveFieldLabels,
  'cadre_reserve.update': reserveFieldLabels,
  'cadre_reserve.step': reserveFieldLabels,
  'cadre_reserve.plan_item': reserveFieldLabels,
  'cadre_reserve.secondment': reserveFieldLabels,
  'cadre_reserve.rotation': reserveFieldLabels,
  'setting.cadre_reserve.update': reserveFieldLabels,
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('cadre_review.'))
      .map(([action]) => [
        action,
        {
          ...cadreReviewFieldLabels,
          subjects: '考核干部人数',
          computedGrade: '计算等次',
          length: '字数',
          status: '阶段',
        },
      ]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('training.'))
      .map(([action]) => [
        action,
        { ...trainingFieldLabels, fileName: '文件名', sha256: '文件摘要', size: '文件大小' },
      ]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('supervised_task.'))
      .map(([action]) => [
        action,
        { ...supervisedTaskFieldLabels, status: '状态', extensions: '已延期次数' },
      ]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('member_appraisal.'))
      .map(([action]) => [
        action,
        { ...memberAppraisalFieldLabels, grade: '等次', personId: '党员', planIds: '限期改正计划' },
      ]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('assessment.') || action.startsWith('indicator_system.'))
      .map(([action]) => [action, assessmentAuditFields]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('rectification_campaign.'))
      .map(([action]) => [action, campaignAuditFields]),
  ),
  ...Object.fromEntries(
    entries
      .filter(([action]) => action.startsWith('ballot.'))
      .map(([action]) => [action, { status: '状态', paperCount: '本批选票数' }]),
  ),
  'member.create': memberFieldLabels,
  'member.update': memberFieldLabels,
  'transfer.create': { name: '姓名' },
  'activity.create': { title: '标题' },
  'recruitment.document.delete': { title: '材料名称' },
  'unit.create': { name: '单位名称' },
  'unit.update': { name: '单位名称' },
  'major.create': { name: '专业名称' },
  'org.create': { name: '组织名称' },
  'org.update': { name: '组织名称' },
};

/** The Chinese name of one snapshot field of an action's entry, or null when the table has none. */
export function auditFieldLabel(action: string, path: string): string | null {
  const own = fieldLabelsByAction[action];
  const names = path.split('.').map((segment) => own?.[segment] ?? fieldLabels[segment] ?? null);
  return names.includes(null) ? null : names.join(' · ');
}

type Names = Readonly<Record<string, string>>;

/** Coded values by field, for every action (a field whose codes differ by action is in `valueNamesByGroup`). */
const valueNames: Readonly<Record<string, Names>> = {
  type: orgTypeLabels,
  partyStatus: partyStatusLabels,
  gender: genderLabels,
  post: postLabels,
  teamKind: teamKindLabels,
  dualLeaderKind: dualLeaderKindLabels,
  personStatus: memberStatusLabels,
};

/** Coded values whose meaning depends on what the entry is about (the action's first word). */
const valueNamesByGroup: Readonly<Record<string, Readonly<Record<string, Names>>>> = {
  org: { category: orgCategoryLabels },
  member: { category: memberCategoryLabels, status: memberStatusLabels },
  unit: { kind: unitKindLabels },
  cadre: { level: cadrePostLevelLabels, track: cadreTrackLabels, kind: cadreRotationKindLabels },
  cadre_appointment: {
    level: cadrePostLevelLabels,
    track: cadreTrackLabels,
    status: appointmentStatusLabels,
    step: appointmentStepLabels,
  },
  cadre_review: {
    status: cadreReviewStatusLabels,
    step: cadreReviewStepLabels,
    grade: cadreReviewGradeLabels,
    computedGrade: cadreReviewGradeLabels,
    kind: cadreConsequenceKindLabels,
  },
  cadre_reserve: {
    level: reserveLevelLabels,
    status: reserveStatusLabels,
    step: reserveStepLabels,
    kind: reservePlanKindLabels,
  },
  major: { kind: majorKindLabels },
  transfer: { kind: transferKindLabels, status: transferStatusLabels },
  activity: { kind: activityKindLabels, status: { ...activityStatusLabels, ...attendanceStatusLabels } },
  rectification: {
    source: rectificationSourceLabels,
    status: rectificationStatusLabels,
    transition: rectificationTransitionLabels,
    kind: rectificationEvidenceKindLabels,
  },
  rectification_campaign: { kind: campaignKindLabels, part: campaignPartLabels },
  indicator_system: { kind: assessmentKindLabels },
  assessment: {
    kind: assessmentKindLabels,
    status: assessmentStatusLabels,
    transition: assessmentTransitionLabels,
    followUp: followUpBandLabels,
    reviewLevel: reviewLevelLabels,
  },
  inspection: {
    kind: inspectionKindLabels,
    status: inspectionUnitStatusLabels,
    role: inspectionTeamRoleLabels,
    outcome: inspectionLookbackOutcomeLabels,
  },
  member_appraisal: {
    status: { ...appraisalStatusLabels, ...correctionPlanStatusLabels },
    transition: appraisalTransitionLabels,
    grade: appraisalGradeLabels,
    proposal: correctionProposalLabels,
    outcome: correctionPlanStatusLabels,
  },
  duty_review: {
    status: dutyReviewStatusLabels,
    transition: dutyReviewTransitionLabels,
    level: dutyReviewLevelLabels,
    grade: dutyReviewGradeLabels,
    computedGrade: dutyReviewGradeLabels,
  },
  supervised_task: {
    status: supervisedTaskStatusLabels,
    transition: supervisedTaskTransitionLabels,
    cadence: progressReportCadenceLabels,
  },
};

/**
 * One snapshot value as the auditor reads it: a code by its Chinese name where the field has a dictionary,
 * 是/否 for flags, nothing for null; anything else as JSON (numbers, lists) or as it is (text).
 */
export function auditFieldValue(action: string, path: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value === true) return '是';
  if (value === false) return '否';
  const field = path.split('.').at(-1)!;
  const names = valueNamesByGroup[action.split('.')[0]!]?.[field] ?? valueNames[field];
  if (typeof value === 'string') return names?.[value] ?? value;
  if (Array.isArray(value) && names && value.every((v) => typeof v === 'string'))
    return value.map((v: string) => names[v] ?? v).join('、');
  return JSON.stringify(value);
}
