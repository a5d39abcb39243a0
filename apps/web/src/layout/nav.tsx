import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  ControlOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
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
}

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

/** Every page of the menu the user may open, in menu order. */
export function visibleNavItems(can: (code: PermissionCode) => boolean): NavItem[] {
  return navTree
    .flatMap((entry) => (isGroup(entry) ? entry.children : [entry]))
    .filter((i) => can(i.permission));
}

type MenuItem = NonNullable<MenuProps['items']>[number];

/** antd Menu items for the user's permissions; empty groups are left out. */
export function buildMenuItems(can: (code: PermissionCode) => boolean): MenuItem[] {
  const items: MenuItem[] = [];
  for (const entry of navTree) {
    if (isGroup(entry)) {
      const children = entry.children
        .filter((c) => can(c.permission))
        .map((c) => ({ key: c.path, icon: c.icon, label: c.label }));
      if (children.length > 0) items.push({ key: entry.key, icon: entry.icon, label: entry.label, children });
    } else if (can(entry.permission)) {
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
