import type { AuditEntry } from '@dangjian/core';
import { type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { emptyText, formatDateTime } from '../../lib/format';

/** Labels of an audit entry's outcome. */
export const outcomeLabels = { success: '成功', failure: '失败' } as const satisfies Record<
  AuditEntry['outcome'],
  string
>;

/** Columns of the audit log table. */
export const auditColumns: TableColumnsType<AuditEntry> = [
  {
    title: '时间',
    dataIndex: 'at',
    key: 'at',
    width: 170,
    render: (_, row) => formatDateTime(row.at, true),
  },
  {
    title: '操作人',
    dataIndex: 'actorName',
    key: 'actorName',
    width: 120,
    render: (_, row) => row.actorName ?? <Typography.Text type="secondary">系统/匿名</Typography.Text>,
  },
  { title: 'IP', dataIndex: 'ip', key: 'ip', width: 130, render: (_, row) => row.ip ?? emptyText },
  {
    title: '操作',
    dataIndex: 'actionLabel',
    key: 'actionLabel',
    width: 150,
    render: (_, row) => (
      <Tooltip title={row.action}>
        <span>{row.actionLabel}</span>
      </Tooltip>
    ),
  },
  {
    title: '对象',
    key: 'target',
    width: 150,
    render: (_, row) =>
      row.targetType ? (
        <Tooltip title={`${row.targetType}${row.targetId ? ` #${row.targetId}` : ''}`}>
          <span>
            {row.targetTypeLabel}
            {row.targetName ? `：${row.targetName}` : row.targetId ? ` #${row.targetId}` : ''}
          </span>
        </Tooltip>
      ) : (
        emptyText
      ),
  },
  {
    title: '摘要',
    dataIndex: 'summary',
    key: 'summary',
    width: 280,
    render: (_, row) => row.summary ?? emptyText,
  },
  {
    title: '结果',
    dataIndex: 'outcome',
    key: 'outcome',
    width: 80,
    render: (_, row) => (
      <Tag color={row.outcome === 'success' ? 'green' : 'red'}>{outcomeLabels[row.outcome]}</Tag>
    ),
  },
];
