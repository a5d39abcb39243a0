import type { UserListItem } from '@dangjian/core';
import { type TableColumnsType, Tag } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime, formatRoleGrant } from '../../lib/format';

/** Account state for the status column: 停用 wins over 已锁定. */
function StatusTags({ user }: { user: UserListItem }) {
  return (
    <span>
      {user.disabled ? (
        <Tag>停用</Tag>
      ) : user.locked ? (
        <Tag color="red">已锁定</Tag>
      ) : (
        <Tag color="green">正常</Tag>
      )}
      {user.mustChangePassword ? <Tag color="orange">待修改密码</Tag> : null}
    </span>
  );
}

/** Columns of the account list; `actions` renders the row buttons the user may use. */
export function userColumns(
  actions: (user: UserListItem) => ReactNode,
  /** Pin the action column on wide screens; on phones it would hide the rest. */
  pinActions: boolean,
): TableColumnsType<UserListItem> {
  return [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 120 },
    {
      title: '角色',
      dataIndex: 'roles',
      key: 'roles',
      width: 260,
      render: (_, user) =>
        user.roles.map((r) => (
          <Tag key={`${r.role}:${r.orgId ?? ''}`} style={{ marginBottom: 2 }}>
            {formatRoleGrant(r)}
          </Tag>
        )),
    },
    { title: '状态', key: 'status', width: 150, render: (_, user) => <StatusTags user={user} /> },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 150,
      render: (_, user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      ...(pinActions ? { fixed: 'right' as const } : {}),
      render: (_, user) => actions(user),
    },
  ];
}
