import { type FindingState, findingStateLabels } from '@dangjian/core';
import type { TableColumnsType } from 'antd';
import { Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { RuleKindTag } from '../../components/clause-view';
import { SeverityTag } from '../../components/severity-tag';
import { emptyText, formatDate } from '../../lib/format';
import type { AlertItem } from './api';
import { alertPath, firstSeenDay } from './links';

/** Tag colour of each state: 待处理 asks for action, 已确认 is in hand, 已解决 is done. */
const stateColors = {
  open: 'error',
  acknowledged: 'processing',
  resolved: 'success',
} as const satisfies Record<FindingState, string>;

/** Where a finding stands, as a tag (with how often it came back). */
export function FindingStateTag({ state, reopenCount = 0 }: { state: FindingState; reopenCount?: number }) {
  const tag = <Tag color={stateColors[state]}>{findingStateLabels[state]}</Tag>;
  if (reopenCount === 0) return tag;
  return (
    <Tooltip title={`解决后又出现过 ${reopenCount} 次`}>
      <span>
        {tag}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          复现 {reopenCount}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/**
 * Columns of the finding table (the suggestion and the clause open under the row); `showOrg` is false
 * inside one org's detail tab.
 */
export function alertColumns(showOrg: boolean): TableColumnsType<AlertItem> {
  const columns: TableColumnsType<AlertItem> = [
    {
      title: '级别',
      dataIndex: 'severity',
      key: 'severity',
      width: 64,
      render: (_, row) => <SeverityTag severity={row.severity} />,
    },
    {
      title: '状态',
      dataIndex: 'state',
      key: 'state',
      width: 84,
      render: (_, row) => <FindingStateTag state={row.state} reopenCount={row.reopenCount} />,
    },
    {
      title: '规则',
      dataIndex: 'title',
      key: 'title',
      width: 150,
      render: (_, row) => (
        <span>
          <Link to={alertPath(row.key)}>{row.title}</Link>
          <br />
          <RuleKindTag kind={row.kind} />
        </span>
      ),
    },
    {
      title: '党组织',
      dataIndex: 'orgName',
      key: 'orgName',
      width: 150,
      render: (_, row) => <Link to={`/orgs/${row.orgId}?tab=alerts`}>{row.orgName}</Link>,
    },
    {
      title: '问题',
      dataIndex: 'message',
      key: 'message',
      width: 220,
      render: (_, row) => <Typography.Text>{row.message}</Typography.Text>,
    },
    {
      title: '首次发现',
      dataIndex: 'firstSeenAt',
      key: 'firstSeenAt',
      width: 110,
      render: (_, row) => firstSeenDay(row.firstSeenAt),
    },
    {
      title: '期限',
      dataIndex: 'dueDate',
      key: 'dueDate',
      width: 110,
      render: (_, row) => (row.dueDate ? formatDate(row.dueDate) : emptyText),
    },
    {
      title: '责任人',
      dataIndex: 'assignee',
      key: 'assignee',
      width: 90,
      render: (_, row) => row.assignee?.name ?? emptyText,
    },
    {
      title: '',
      key: 'open',
      width: 56,
      fixed: 'end',
      render: (_, row) => <Link to={alertPath(row.key)}>详情</Link>,
    },
  ];
  return showOrg ? columns : columns.filter((c) => c.key !== 'orgName');
}
