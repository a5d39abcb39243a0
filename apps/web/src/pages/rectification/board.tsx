import {
  type RectificationBoard,
  type RectificationCounts,
  type RectificationStatus,
  rectificationSourceLabels,
  rectificationStatuses,
  rectificationStatusLabels,
} from '@dangjian/core';
import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { useRectificationBoard } from './api';

/** A row of counts and the list filter its counts stand for (null: no list shows exactly them). */
type Row = RectificationCounts & { key: string; label: string; filter: Record<string, string> | null };

/** The list's URL under these filters. */
const listUrl = (filter: Record<string, string>) => `/rectifications?${new URLSearchParams(filter)}`;

/** A count that opens the list of exactly those items (nothing to open for a 0 or without a filter). */
function CountLink({
  n,
  filter,
  danger,
}: {
  n: number;
  filter: Record<string, string> | null;
  danger?: boolean;
}) {
  if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  if (filter === null) return <Typography.Text type={danger ? 'danger' : undefined}>{n}</Typography.Text>;
  return (
    <Link
      to={listUrl(filter)}
      style={danger ? { color: 'var(--ant-color-error-text, #cf1322)', fontWeight: 600 } : undefined}
    >
      {n}
    </Link>
  );
}

function columns(first: string): TableColumnsType<Row> {
  return [
    { title: first, dataIndex: 'label', key: 'label' },
    ...rectificationStatuses.map((s: RectificationStatus) => ({
      title: rectificationStatusLabels[s],
      key: s,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (
        <CountLink n={r.byStatus[s]} filter={r.filter && { ...r.filter, status: s }} />
      ),
    })),
    {
      title: '逾期',
      key: 'overdue',
      align: 'right',
      render: (_, r) => (
        <CountLink n={r.overdue} filter={r.filter && { ...r.filter, overdue: 'true' }} danger />
      ),
    },
    {
      title: '合计',
      key: 'total',
      align: 'right',
      render: (_, r) => <CountLink n={r.total} filter={r.filter} />,
    },
  ];
}

function unitRows(board: RectificationBoard): Row[] {
  return board.units.map(
    (u): Row => ({
      ...u,
      key: `unit-${u.org.id}`,
      // The 党委's own items: its subtree is everyone's, so only the count is shown, opening the whole list.
      label: u.own ? `${u.org.name}（本级）` : u.org.name,
      filter: u.own ? ({} as Record<string, string>) : { orgId: String(u.org.id) },
    }),
  );
}

function sourceRows(board: RectificationBoard): Row[] {
  return board.sources.map((s) => ({
    ...s,
    key: `source-${s.source}`,
    label: rectificationSourceLabels[s.source],
    filter: { source: s.source },
  }));
}

/**
 * 整改情况看板 for those who oversee more than one unit (the 组织部, the 校领导): items per 党总支 / 直属党支部
 * with the most overdue first, and per source; every count opens the list of exactly those items.
 */
export function RectificationBoardCard() {
  const board = useRectificationBoard();
  const data = board.data;
  if (!data || data.units.length < 2) return null;
  return (
    <Card title="整改情况看板" size="small" style={{ marginBottom: 16 }}>
      <Table<Row>
        size="small"
        pagination={false}
        columns={columns('党总支 / 直属党支部')}
        dataSource={unitRows(data)}
        scroll={{ x: 'max-content' }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {rectificationStatuses.map((s, i) => (
              <Table.Summary.Cell key={s} index={i + 1} align="right">
                <CountLink n={data.totals.byStatus[s]} filter={{ status: s }} />
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={rectificationStatuses.length + 1} align="right">
              <CountLink n={data.totals.overdue} filter={{ overdue: 'true' }} danger />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={rectificationStatuses.length + 2} align="right">
              <CountLink n={data.totals.total} filter={{}} />
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Table<Row>
        size="small"
        pagination={false}
        style={{ marginTop: 16 }}
        columns={columns('问题来源')}
        dataSource={sourceRows(data)}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
