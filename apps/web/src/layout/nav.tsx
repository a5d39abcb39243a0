import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ContainerOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileWordOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  IssuesCloseOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  ReadOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  StarFilled,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { PermissionCode } from '@dangjian/core';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';

/** One page reachable from the side menu, shown only with its permission. */
export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  permission: PermissionCode;
  /** One line for the home-page shortcuts. */
  description: string;
  /**
   * A person's own pages: `member` for a party member in the roster (我的党员信息, 我的组织生活), `dossier` for
   * someone with a 发展党员 dossier (我的入党进度). An applicant has no 我的党员信息; a member who never applied is
   * not told to 递交入党申请书.
   */
  requires?: 'member' | 'dossier';
}

/** What the account's person is (Me.user.person). */
export type PersonFacts = { isMember: boolean; hasDossier: boolean } | null;

interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  children: NavItem[];
}

/** The side menu as data: pages grouped as Chinese admin users expect. */
export const navTree: readonly (NavItem | NavGroup)[] = [
  {
    path: '/',
    label: '首页',
    icon: <HomeOutlined />,
    permission: 'dashboard:home:view',
    description: '工作概览',
  },
  {
    path: '/overview',
    label: '党建工作概览',
    icon: <FundProjectionScreenOutlined />,
    permission: 'dashboard:overview:view',
    description: '关键数据与去年同期、问题分布、完成率和发展党员进度，可打印',
  },
  {
    path: '/orgs',
    label: '组织架构',
    icon: <ApartmentOutlined />,
    permission: 'org:org:view',
    description: '党组织、班子与届次',
  },
  {
    path: '/alerts',
    label: '监测预警',
    icon: <AlertOutlined />,
    permission: 'alert:alert:view',
    description: '对照规定发现的问题',
  },
  {
    path: '/rectifications',
    label: '整改销号',
    icon: <IssuesCloseOutlined />,
    permission: 'rectification:item:view',
    description: '问题清单的整改措施、佐证、审核销号与回头看',
  },
  {
    path: '/rectification-campaigns',
    label: '问题清单',
    icon: <UnorderedListOutlined />,
    permission: 'rectification:item:view',
    description: '“个个过关、全面过硬”等问题清单：部署、报送问题清单和整改总结',
  },
  {
    path: '/inspections',
    label: '巡察整改',
    icon: <FileSearchOutlined />,
    permission: 'inspection:round:view',
    description: '巡察轮次、反馈问题、整改报告与回头看',
  },
  {
    path: '/supervised-tasks',
    label: '督办事项',
    icon: <CarryOutOutlined />,
    permission: 'supervision:task:view',
    description: '党委会、党务工作例会议定事项的交办、签收、进展与办结',
  },
  {
    key: 'assessments',
    label: '考核评价',
    icon: <TrophyOutlined />,
    children: [
      {
        path: '/assessments',
        label: '考核轮次',
        icon: <ScheduleOutlined />,
        permission: 'assessment:round:view',
        description: '星级评定、标准化达标、个个过关和年度党建考评的自评、审核、公示与结果',
      },
      {
        path: '/assessments/star-map',
        label: '星级分布图',
        icon: <StarOutlined />,
        permission: 'assessment:round:view',
        description: '各党总支所属支部的星级与上年比较',
      },
      {
        path: '/duty-reviews',
        label: '述职评议',
        icon: <SolutionOutlined />,
        permission: 'assessment:duty:view',
        description: '书记抓党建述职评议考核：述职报告、点评、民主测评、综合评定与整改',
      },
      {
        path: '/assessments/systems',
        label: '指标体系',
        icon: <OrderedListOutlined />,
        permission: 'assessment:system:manage',
        description: '按年度维护考核指标、分值、否决项和星级规则',
      },
    ],
  },
  {
    key: 'cadres',
    label: '干部工作',
    icon: <UserSwitchOutlined />,
    children: [
      {
        path: '/cadres',
        label: '干部名册',
        icon: <SolutionOutlined />,
        permission: 'cadre:file:view',
        description: '中层干部现任职务、任职经历、交叉任职、任期与交流',
      },
      {
        path: '/cadre-appointments',
        label: '选拔任用',
        icon: <RiseOutlined />,
        permission: 'cadre:file:view',
        description: '中层干部选拔任用：动议、民主推荐、考察、党委决定、任前公示、任职与试用期',
      },
      {
        path: '/cadre-reserve',
        label: '后备干部',
        icon: <UserSwitchOutlined />,
        permission: 'cadre:file:view',
        description: '年轻干部储备：提名、入库、培养计划、挂职和轮岗、年度动态调整与使用',
      },
      {
        path: '/cadre-reviews',
        label: '年度考核',
        icon: <AuditOutlined />,
        permission: 'cadre:file:view',
        description: '中层干部年度考核：述职、民主测评、评定（优秀名额）、公布与结果运用',
      },
      {
        path: '/cadre-settings',
        label: '任期与交流设置',
        icon: <SettingOutlined />,
        permission: 'cadre:file:view',
        description: '任期年限、连续任期上限、满多少年交流、提前提醒',
      },
    ],
  },
  {
    key: 'members',
    label: '党员管理',
    icon: <IdcardOutlined />,
    children: [
      {
        path: '/members',
        label: '党员名册',
        icon: <SolutionOutlined />,
        permission: 'member:member:view',
        description: '查询、维护和导出党员信息',
      },
      {
        path: '/trainings',
        label: '培训班',
        icon: <ReadOutlined />,
        permission: 'training:course:view',
        description: '培训班、签到与缺勤、外部培训',
      },
      {
        path: '/training-hours',
        label: '人员学时',
        icon: <ReadOutlined />,
        permission: 'training:course:view',
        description: '党员、书记和班子成员的年度学时及来源，学时登记表',
      },
      {
        path: '/training-incentives',
        label: '党务工作激励',
        icon: <ReadOutlined />,
        permission: 'training:incentive:view',
        description: '支部书记、委员、党小组长服务工作量与双带头人课时减免（供人事部门）',
      },
      {
        path: '/training-settings',
        label: '培训设置',
        icon: <ReadOutlined />,
        permission: 'setting:rule:view',
        description: '党课、主题党日学时折算，学时提醒月份，党务工作激励标准',
      },
      {
        path: '/transfers',
        label: '组织关系转接',
        icon: <SwapOutlined />,
        permission: 'member:member:view',
        description: '校内转接、转出介绍信与转入登记',
      },
      {
        path: '/members/stats',
        label: '统计分析',
        icon: <BarChartOutlined />,
        permission: 'member:member:view',
        description: '党员结构、支部规模与双带头人',
      },
      {
        path: '/party-statistics',
        label: '年度评议统计',
        icon: <BarChartOutlined />,
        permission: 'member:member:view',
        description: '党内统计年报用：民主评议党员结果、述职评议等次（按年度、管理范围）',
      },
      {
        path: '/members/import',
        label: '导入',
        icon: <ImportOutlined />,
        permission: 'member:member:import',
        description: '从 Excel 批量导入党员',
      },
      {
        path: '/members/corrections',
        label: '更正审核',
        icon: <FileDoneOutlined />,
        permission: 'member:correction:review',
        description: '审核党员提交的信息更正',
      },
    ],
  },
  {
    key: 'life',
    label: '组织生活',
    icon: <CalendarOutlined />,
    children: [
      {
        path: '/activities',
        label: '活动记录',
        icon: <ReadOutlined />,
        permission: 'life:activity:view',
        description: '三会一课等组织生活的计划、签到、纪要和决议',
      },
      {
        path: '/compliance',
        label: '合规矩阵',
        icon: <DashboardOutlined />,
        permission: 'life:activity:view',
        description: '各支部按月开展情况、缺项与近期提醒',
      },
      {
        path: '/member-appraisals',
        label: '民主评议党员',
        icon: <StarFilled />,
        permission: 'appraisal:member:view',
        description: '个人自评、党员互评、民主测评、支委会提出和党员大会决定等次、限期改正',
      },
      {
        path: '/me/appraisal',
        label: '我的民主评议',
        icon: <FormOutlined />,
        permission: 'dashboard:home:view',
        requires: 'member',
        description: '填写个人自评、党员互评，查看评定等次',
      },
      {
        path: '/me/activities',
        label: '我的组织生活',
        icon: <QrcodeOutlined />,
        permission: 'dashboard:home:view',
        requires: 'member',
        description: '近期活动、请假和我的出勤',
      },
      {
        path: '/me/training-hours',
        label: '我的学时',
        icon: <ReadOutlined />,
        permission: 'dashboard:home:view',
        requires: 'member',
        description: '本年度学时、要求和每一学时的来源',
      },
      {
        path: '/me/ballots',
        label: '我的投票',
        icon: <CheckSquareOutlined />,
        permission: 'ballot:ballot:vote',
        description: '述职评议、民主测评等投票：手机投票，查看公布的结果',
      },
    ],
  },
  {
    key: 'recruitment',
    label: '发展党员',
    icon: <FlagOutlined />,
    children: [
      {
        path: '/recruitment',
        label: '发展对象档案',
        icon: <ContainerOutlined />,
        permission: 'recruitment:dossier:view',
        description: '入党申请人、积极分子、发展对象和预备党员的25个步骤',
      },
      {
        path: '/recruitment/pipeline',
        label: '发展统计',
        icon: <FundOutlined />,
        permission: 'recruitment:dossier:view',
        description: '各阶段人数、漏斗、阶段用时与入党申请人比例',
      },
      {
        path: '/recruitment/templates',
        label: '材料模板',
        icon: <FileWordOutlined />,
        permission: 'recruitment:template:edit',
        description: '谈话记录、公示、审批表等 Word 模板',
      },
      {
        path: '/me/recruitment',
        label: '我的入党进度',
        icon: <RiseOutlined />,
        permission: 'dashboard:home:view',
        requires: 'dossier',
        description: '我在哪一步、下一步做什么、上传思想汇报',
      },
    ],
  },
  {
    path: '/me',
    label: '我的党员信息',
    icon: <ProfileOutlined />,
    permission: 'dashboard:home:view',
    requires: 'member',
    description: '查看本人档案，申请更正',
  },
  {
    path: '/units',
    label: '单位与专业',
    icon: <BankOutlined />,
    permission: 'org:unit:edit',
    description: '二级学院、部门与专业',
  },
  {
    key: 'settings',
    label: '规则与安全',
    icon: <SettingOutlined />,
    children: [
      {
        path: '/settings/rules',
        label: '规则设置',
        icon: <ControlOutlined />,
        permission: 'setting:rule:view',
        description: '监测规则的阈值',
      },
      {
        path: '/settings/cadre-appointments',
        label: '选拔任用设置',
        icon: <ControlOutlined />,
        permission: 'setting:rule:view',
        description: '副职提任正职年限、任前公示工作日数、试用期与考察一票否决',
      },
      {
        path: '/settings/security',
        label: '安全策略',
        icon: <SafetyCertificateOutlined />,
        permission: 'security:policy:view',
        description: '密码、锁定与超时',
      },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    icon: <TeamOutlined />,
    children: [
      {
        path: '/system/users',
        label: '账号管理',
        icon: <UserOutlined />,
        permission: 'system:user:view',
        description: '账号、角色与密码',
      },
      {
        path: '/audit',
        label: '审计日志',
        icon: <AuditOutlined />,
        permission: 'audit:log:view',
        description: '操作记录与完整性校验',
      },
    ],
  },
];

function isGroup(entry: NavItem | NavGroup): entry is NavGroup {
  return 'children' in entry;
}

/** True when the user may open `item`: they hold its permission (and have a person, if it needs one). */
function isVisible(item: NavItem, can: (code: PermissionCode) => boolean, person: PersonFacts): boolean {
  if (!can(item.permission)) return false;
  if (item.requires === 'member') return person?.isMember === true;
  if (item.requires === 'dossier') return person?.hasDossier === true;
  return true;
}

/** Every page of the menu the user may open, in menu order. */
export function visibleNavItems(
  can: (code: PermissionCode) => boolean,
  person: PersonFacts = null,
): NavItem[] {
  return navTree
    .flatMap((entry) => (isGroup(entry) ? entry.children : [entry]))
    .filter((i) => isVisible(i, can, person));
}

type MenuItem = NonNullable<MenuProps['items']>[number];

/** antd Menu items for the user's permissions; empty groups are left out. */
export function buildMenuItems(
  can: (code: PermissionCode) => boolean,
  person: PersonFacts = null,
): MenuItem[] {
  const items: MenuItem[] = [];
  for (const entry of navTree) {
    if (isGroup(entry)) {
      const children = entry.children
        .filter((c) => isVisible(c, can, person))
        .map((c) => ({ key: c.path, icon: c.icon, label: c.label }));
      if (children.length > 0) items.push({ key: entry.key, icon: entry.icon, label: entry.label, children });
    } else if (isVisible(entry, can, person)) {
      items.push({ key: entry.path, icon: entry.icon, label: entry.label });
    }
  }
  return items;
}

/** The menu key for a location: the longest menu path that prefixes it. */
export function selectedNavKey(pathname: string): string {
  const paths = navTree.flatMap((entry) => (isGroup(entry) ? entry.children : [entry])).map((i) => i.path);
  const match = paths
    .filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return match ?? pathname;
}

/** The group keys to open so that the selected item is visible. */
export function openGroupKeys(pathname: string): string[] {
  const key = selectedNavKey(pathname);
  return navTree
    .filter(isGroup)
    .filter((g) => g.children.some((c) => c.path === key))
    .map((g) => g.key);
}
