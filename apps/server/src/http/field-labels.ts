import {
  activityFieldLabels,
  campaignFieldLabels,
  goLiveFieldLabels,
  inspectionFieldLabels,
  memberFieldLabels,
  recruitmentFieldLabels,
  rectificationFieldLabels,
  ruleSettingLabels,
  securityPolicyLabels,
  supervisedTaskFieldLabels,
  transferFieldLabels,
} from '@dangjian/core';

/** Chinese names of request fields, so that a validation error names the field the user sees. */
const labels: Record<string, string> = {
  // Member and transfer fields first: where a name is shared, the general label below wins.
  ...memberFieldLabels,
  ...transferFieldLabels,
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  schoolName: '学校名称',
  committeeName: '党委名称',
  adminPassword: '管理员密码',
  mode: '初始化方式',
  name: '名称',
  shortName: '简称',
  type: '组织类型',
  category: '组织类别',
  code: '组织代码',
  unitId: '所属单位',
  majorIds: '依托专业',
  foundedOn: '成立日期',
  sortOrder: '排序',
  studentCount: '学生数',
  staffCount: '教职工数',
  parentId: '上级组织',
  version: '版本号',
  reason: '原因',
  number: '届次',
  teamKind: '班子形式',
  startDate: '开始日期',
  plannedEndDate: '届满日期',
  electedOn: '选举日期',
  electionRequestedOn: '换届请示报送日期',
  postponedTo: '延期至',
  postponementApprovedOn: '延期批准日期',
  team: '班子成员',
  personId: '人员',
  post: '职务',
  termId: '届次',
  endDate: '结束日期',
  kind: '类型',
  roles: '角色',
  role: '角色',
  orgId: '党组织',
  disabled: '停用',
  isDualLeader: '双带头人',
  dualLeaderNote: '双带头人说明',
  q: '关键词',
  page: '页码',
  pageSize: '每页条数',
  period: '期间',
  from: '开始日期',
  to: '结束日期',
  actor: '操作人',
  action: '操作',
  targetType: '对象类型',
  outcome: '结果',
  ruleId: '规则',
  severity: '级别',
  includeArchived: '包含已撤销',
  limit: '条数',
  id: '编号',
  state: '状态',
  appearedFrom: '发现日期（起）',
  appearedTo: '发现日期（止）',
  assigneeId: '责任人',
  orgOnly: '仅本级',
  key: '预警编号',
  year: '年度',
  ...ruleSettingLabels,
  ...securityPolicyLabels,
  ...goLiveFieldLabels,
};

/**
 * Field names a module reads differently from the general table (an activity's `title` is its 标题,
 * not a member's 职称), by route prefix.
 */
const labelsByRoute: readonly (readonly [prefix: string, labels: Readonly<Record<string, string>>])[] = [
  ['/api/activities', activityFieldLabels],
  ['/api/me/activities', activityFieldLabels],
  ['/api/recruitment', recruitmentFieldLabels],
  ['/api/me/recruitment', recruitmentFieldLabels],
  ['/api/rectifications', rectificationFieldLabels],
  ['/api/alerts/:key/rectification', rectificationFieldLabels],
  ['/api/supervised-tasks', supervisedTaskFieldLabels],
  ['/api/inspections', inspectionFieldLabels],
  ['/api/rectification-campaigns', campaignFieldLabels],
  ['/api/alerts', { comment: '说明', personId: '责任人' }],
];

/** '名称' for 'name', '班子成员第1项 人员' for 'team.0.personId'; `route` picks a module's own names. */
export function fieldLabel(path: string, route?: string): string {
  const own = route ? labelsByRoute.find(([prefix]) => route.startsWith(prefix))?.[1] : undefined;
  return path
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? `第${Number(p) + 1}项` : (own?.[p] ?? labels[p] ?? p)))
    .join(' ');
}
