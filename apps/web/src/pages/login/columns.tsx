import type { SetupStatus } from '@dangjian/core';
import type { TableColumnsType } from 'antd';
import { roleLabelOf } from '../../lib/format';

/** A demo account listed on the login page of the demo college. */
export type DemoAccount = SetupStatus['demoAccounts'][number];

export const demoAccountColumns: TableColumnsType<DemoAccount> = [
  { title: '用户名', dataIndex: 'username', key: 'username' },
  { title: '角色', dataIndex: 'role', key: 'role', render: (role: string) => roleLabelOf(role) },
  { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
];
