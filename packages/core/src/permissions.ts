/** Permission codes (模块:资源:动作), built-in roles and the data scope each role grants. */

export const permissionCodes = [
  'dashboard:home:view',
  'dashboard:overview:view',
  'org:org:view',
  'org:org:create',
  'org:org:edit',
  'org:org:move',
  'org:org:archive',
  'org:team:edit',
  'org:unit:edit',
  'member:member:view',
  'member:member:edit',
  'member:member:sensitive',
  'member:member:import',
  'member:member:export',
  'member:transfer:manage',
  'member:correction:review',
  'life:activity:view',
  'life:activity:edit',
  'life:activity:review',
  'recruitment:dossier:view',
  'recruitment:dossier:edit',
  'recruitment:dossier:approve',
  'recruitment:template:edit',
  'alert:alert:view',
  'alert:alert:handle',
  'rectification:item:view',
  'rectification:item:edit',
  'rectification:item:verify',
  'rectification:campaign:manage',
  'supervision:task:view',
  'supervision:task:assign',
  'supervision:task:handle',
  'inspection:round:view',
  'inspection:round:manage',
  'assessment:round:view',
  'assessment:round:assess',
  'assessment:round:manage',
  'assessment:system:manage',
  'ballot:ballot:vote',
  'ballot:ballot:manage',
  'appraisal:member:view',
  'appraisal:member:manage',
  'assessment:duty:view',
  'assessment:duty:manage',
  'assessment:duty:report',
  'training:course:view',
  'training:course:manage',
  'training:incentive:view',
  'cadre:file:view',
  'cadre:file:manage',
  'setting:rule:view',
  'setting:rule:edit',
  'security:policy:view',
  'security:policy:edit',
  'system:user:view',
  'system:user:create',
  'system:user:edit',
  'system:user:reset-password',
  'system:user:unlock',
  'audit:log:view',
  'audit:log:verify',
] as const;
export type PermissionCode = (typeof permissionCodes)[number];

export const permissionLabels = {
  'dashboard:home:view': '查看首页',
  'dashboard:overview:view': '查看党建工作概览（全校关键数据、问题分布、完成率与发展党员）',
  'org:org:view': '查看党组织',
  'org:org:create': '新建党组织',
  'org:org:edit': '编辑党组织',
  'org:org:move': '调整党组织隶属',
  'org:org:archive': '撤销（归档）党组织',
  'org:team:edit': '维护班子与届次',
  'org:unit:edit': '维护单位与专业',
  'member:member:view': '查看党员名册与统计',
  'member:member:edit': '新增和编辑党员信息',
  'member:member:sensitive': '查看完整身份证号和电话（留痕）',
  'member:member:import': '导入党员名册',
  'member:member:export': '导出党员名册',
  'member:transfer:manage': '办理组织关系转接',
  'member:correction:review': '审核党员信息更正申请',
  'life:activity:view': '查看组织生活记录、合规情况与台账',
  'life:activity:edit': '计划和记录组织生活（签到、请假审批、纪要、决议）',
  'life:activity:review': '督促检查组织生活记录',
  'recruitment:dossier:view': '查看发展党员档案、统计与台账',
  'recruitment:dossier:edit': '记录发展党员程序（申请、培养、考察、支部大会、转正）',
  'recruitment:dossier:approve': '以上级党委身份备案、预审和审批发展党员',
  'recruitment:template:edit': '维护发展党员材料的 Word 模板',
  'alert:alert:view': '查看监测预警',
  'alert:alert:handle': '确认和指派监测预警',
  'rectification:item:view': '查看整改事项（问题清单、整改进展与佐证）',
  'rectification:item:edit': '登记和办理整改事项（整改措施、进展、佐证、提交销号、申请延期）',
  'rectification:item:verify':
    '以上级党组织身份审核销号、退回、审批延期和回头看（总支对所属支部、支部对党小组、组织部对总支和直属支部）',
  'rectification:campaign:manage': '部署问题清单工作（如“个个过关、全面过硬”）：确定参加的党组织和报送时间',
  'supervision:task:view': '查看督办事项（党委会、党务工作例会、党政联席会议定事项的办理情况）',
  'supervision:task:assign':
    '交办督办事项并确认办结、退回、审批延期（组织部为党委会和党委的党务工作例会，总支为本总支的党务工作例会和党政联席会）',
  'supervision:task:handle': '以牵头单位身份签收督办事项、报告进展和办结、申请延期',
  'inspection:round:view': '查看巡察整改（本单位所在的巡察轮次、反馈问题、整改报告与回头看）',
  'inspection:round:manage': '以巡察办身份登记巡察轮次、录入巡察反馈、退回整改报告和记录回头看（组织部）',
  'assessment:round:view': '查看考核评价（星级评定、标准化达标、个个过关、年度党建考评的进度、评分表和结果）',
  'assessment:round:assess': '填写本组织自评、以党总支身份审核所属支部（组织部审核由其考核管理权限决定）',
  'assessment:round:manage': '发起考核、以组织部身份审核评分、登记党委审定结果并公示、确定结果（组织部）',
  'assessment:system:manage': '维护考核指标体系（按年度的版本，已用于考核的版本不能修改评分规则）',
  'ballot:ballot:vote': '参加本人在投票名单中的投票（述职评议、民主评议党员的民主测评），查看已公布的结果',
  'ballot:ballot:manage':
    '组织本组织的投票：查看投票进度、结束投票、登记纸质投票人、录入纸质选票（两人分别录入）、公布结果',
  'appraisal:member:view': '查看民主评议党员（参评名单、自评情况、评定等次、限期改正）',
  'appraisal:member:manage':
    '组织民主评议党员：启动、互评与民主测评、支委会提出和党员大会决定等次、跟进限期改正',
  'assessment:duty:view': '查看书记抓党建述职评议考核（述职报告、点评、测评进度和结果）',
  'assessment:duty:manage':
    '组织述职评议：启动、记录答辩和点评、开始和结束测评、综合评定、审定公布、点评转整改（党委组织部、党总支）',
  'assessment:duty:report': '撰写并提交本人的述职报告（参加述职的书记）',
  'training:course:view': '查看培训班、出勤和人员学时（本组织及下级）',
  'training:course:manage': '举办培训班、登记签到和缺勤、录入外部培训及证书（本组织及下级）',
  'training:incentive:view': '查看并导出党务工作激励（服务工作量、双带头人课时减免），供人事部门使用',
  'cadre:file:view': '查看中层干部档案（任职经历、选拔任用、任期与交流、后备干部），仅组织部和校领导',
  'cadre:file:manage': '维护中层干部档案，办理选拔任用（动议至试用期满）、交流轮岗和后备干部（组织部）',
  'setting:rule:view': '查看规则设置',
  'setting:rule:edit': '修改规则设置',
  'security:policy:view': '查看安全策略',
  'security:policy:edit': '修改安全策略',
  'system:user:view': '查看账号',
  'system:user:create': '新建账号',
  'system:user:edit': '编辑账号与角色',
  'system:user:reset-password': '重置密码',
  'system:user:unlock': '解锁账号',
  'audit:log:view': '查看审计日志',
  'audit:log:verify': '校验审计日志',
} as const satisfies Record<PermissionCode, string>;

/** Built-in roles. */
export const roleCodes = [
  'sys_admin',
  'security_admin',
  'auditor',
  'org_admin',
  'school_leader',
  'general_branch_secretary',
  'branch_secretary',
  'member',
] as const;
export type RoleCode = (typeof roleCodes)[number];

export const roleLabels = {
  sys_admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '审计员',
  org_admin: '组织部管理员',
  school_leader: '校领导',
  general_branch_secretary: '总支书记/组织员',
  branch_secretary: '支部书记/委员',
  member: '党员',
} as const satisfies Record<RoleCode, string>;

/**
 * How far a role reaches in the org tree: `all` (whole school), `subtree` (the org it is granted on
 * and everything below), `self` (the user's own records only).
 */
export type RoleReach = 'all' | 'subtree' | 'self';

interface RoleDefinition {
  reach: RoleReach;
  permissions: readonly PermissionCode[];
}

const readOrg = [
  'dashboard:home:view',
  'org:org:view',
  'member:member:view',
  'life:activity:view',
  'recruitment:dossier:view',
  'alert:alert:view',
  'rectification:item:view',
  'supervision:task:view',
  'inspection:round:view',
  'assessment:round:view',
  'appraisal:member:view',
  'assessment:duty:view',
  'training:course:view',
  // Every account with a person votes where the roll names them (the service checks the roll).
  'ballot:ballot:vote',
] as const;

/**
 * 督办: the 组织部 and a 总支 issue supervised tasks from their own meetings' decisions; every secretary handles
 * those its org leads. Which side a caller is on for one task is decided from the scope (supervision module).
 */
const supervise = ['supervision:task:assign', 'supervision:task:handle'] as const;

/**
 * Rectification (整改): every secretary rectifies the items of its own org and verifies those of the orgs
 * directly below it (a 总支 its branches, a branch its 党小组, the 组织部 the 总支 and 直属支部); which side a
 * caller is on for one item is core `rectificationSides`, from the scope, never both.
 */
const rectify = ['rectification:item:edit', 'rectification:item:verify'] as const;

/** What secretaries and the 组织部 do with the roster and the organisational life of their scope. */
const manageMembers = [
  'member:member:edit',
  'member:member:sensitive',
  'member:member:import',
  'member:member:export',
  'member:transfer:manage',
  'member:correction:review',
  'life:activity:edit',
  'recruitment:dossier:edit',
  'alert:alert:handle',
  // 民主评议党员: the branch runs it; its 总支 and the 组织部 may act for it.
  'appraisal:member:manage',
  // 培训: an org's courses, their attendance and its members' external training.
  'training:course:manage',
] as const;

/**
 * What each built-in role may do. 三员 are separated: the system administrator manages accounts but
 * cannot read the audit log; the security administrator sets security policy and manages the 安全管理员
 * and 审计员 accounts; the auditor only reads and verifies the audit log and changes nothing. Which
 * account each may touch is `accountActionMatrix` in accounts.ts.
 */
export const roleDefinitions = {
  sys_admin: {
    reach: 'all',
    permissions: [
      'dashboard:home:view',
      'org:org:view',
      'system:user:view',
      'system:user:create',
      'system:user:edit',
      'system:user:reset-password',
    ],
  },
  security_admin: {
    reach: 'all',
    permissions: [
      'dashboard:home:view',
      'security:policy:view',
      'security:policy:edit',
      'system:user:view',
      // Only on 安全管理员/审计员 accounts (core/accounts.ts); unlocking on any account.
      'system:user:create',
      'system:user:edit',
      'system:user:reset-password',
      'system:user:unlock',
    ],
  },
  auditor: { reach: 'all', permissions: ['dashboard:home:view', 'audit:log:view', 'audit:log:verify'] },
  org_admin: {
    reach: 'all',
    permissions: [
      ...readOrg,
      'dashboard:overview:view',
      'org:org:create',
      'org:org:edit',
      'org:org:move',
      'org:org:archive',
      'org:team:edit',
      'org:unit:edit',
      ...manageMembers,
      ...rectify,
      'rectification:campaign:manage',
      ...supervise,
      // The 巡察办 of a 高职 sits with the 组织部.
      'inspection:round:manage',
      // 考核: the 组织部 keeps the indicator systems, runs the rounds and reviews every org.
      'assessment:round:assess',
      'assessment:round:manage',
      'assessment:system:manage',
      'ballot:ballot:manage',
      'assessment:duty:manage',
      'life:activity:review',
      'recruitment:dossier:approve',
      'recruitment:template:edit',
      'training:incentive:view',
      'cadre:file:view',
      'cadre:file:manage',
      'setting:rule:view',
      'setting:rule:edit',
    ],
  },
  school_leader: {
    reach: 'all',
    permissions: [
      ...readOrg,
      'dashboard:overview:view',
      'member:member:export',
      'training:incentive:view',
      'cadre:file:view',
      'setting:rule:view',
    ],
  },
  general_branch_secretary: {
    reach: 'subtree',
    permissions: [
      ...readOrg,
      'org:org:create',
      'org:org:edit',
      'org:org:move',
      'org:org:archive',
      'org:team:edit',
      ...manageMembers,
      ...rectify,
      ...supervise,
      'life:activity:review',
      'assessment:round:assess',
      'ballot:ballot:manage',
      'assessment:duty:manage',
      'assessment:duty:report',
    ],
  },
  branch_secretary: {
    reach: 'subtree',
    permissions: [
      ...readOrg,
      'org:org:create',
      'org:org:edit',
      'org:team:edit',
      ...manageMembers,
      ...rectify,
      'supervision:task:handle',
      'assessment:round:assess',
      'ballot:ballot:manage',
      'assessment:duty:report',
    ],
  },
  member: { reach: 'self', permissions: ['dashboard:home:view', 'ballot:ballot:vote'] },
} as const satisfies Record<RoleCode, RoleDefinition>;

/** Roles that must never be held by the same account (三员分立). */
export const exclusiveRoleSets: readonly (readonly RoleCode[])[] = [
  ['sys_admin', 'security_admin', 'auditor'],
];

/** A role granted to a user; subtree roles name the org they are granted on. */
export interface RoleGrant {
  role: RoleCode;
  orgId: number | null;
}

/** Which part of the org tree an actor's data reaches. */
export type DataScope = { kind: 'all' } | { kind: 'subtrees'; orgIds: number[] } | { kind: 'self' };

/** Union of the permissions of all grants. */
export function permissionsFor(grants: readonly RoleGrant[]): PermissionCode[] {
  const set = new Set<PermissionCode>();
  for (const g of grants) for (const p of roleDefinitions[g.role].permissions) set.add(p);
  return permissionCodes.filter((p) => set.has(p));
}

/** The widest data scope the grants give: any `all` grant wins, then the union of subtrees, else self. */
export function scopeFor(grants: readonly RoleGrant[]): DataScope {
  const orgIds: number[] = [];
  for (const g of grants) {
    const reach = roleDefinitions[g.role].reach;
    if (reach === 'all') return { kind: 'all' };
    if (reach === 'subtree' && g.orgId !== null && !orgIds.includes(g.orgId)) orgIds.push(g.orgId);
  }
  return orgIds.length > 0 ? { kind: 'subtrees', orgIds } : { kind: 'self' };
}

/** Problems with a set of grants: 三员 mixed with each other, or a subtree role without its org. */
export function checkRoleGrants(grants: readonly RoleGrant[]): string[] {
  const problems: string[] = [];
  for (const set of exclusiveRoleSets) {
    const held = set.filter((r) => grants.some((g) => g.role === r));
    if (held.length > 1)
      problems.push(`${held.map((r) => roleLabels[r]).join('、')}不能由同一账号兼任（三员分立）`);
  }
  for (const g of grants) {
    const reach = roleDefinitions[g.role].reach;
    if (reach === 'subtree' && g.orgId === null)
      problems.push(`角色“${roleLabels[g.role]}”必须指定所管理的党组织`);
    if (reach !== 'subtree' && g.orgId !== null)
      problems.push(`角色“${roleLabels[g.role]}”不限定党组织，不应指定组织`);
  }
  const seen = new Set<string>();
  for (const g of grants) {
    const key = `${g.role}:${g.orgId ?? ''}`;
    if (seen.has(key)) problems.push(`角色“${roleLabels[g.role]}”重复授予`);
    seen.add(key);
  }
  return problems;
}
