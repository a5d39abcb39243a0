import { Table } from 'antd';
import { useMemo } from 'react';
import { ClauseView } from '../../components/clause-view';
import type { AlertItem } from './api';
import { type AlertRow, alertColumns } from './columns';

interface FindingTableProps {
  items: readonly AlertItem[] | undefined;
  loading: boolean;
  /** Show the org column (off inside one org's page). */
  showOrg?: boolean;
  /** Open every row's clause at first (for short lists whose data is already loaded). */
  expandAll?: boolean;
}

/** Findings with their clause in an expandable row: which rule, which org, what to do, and why. */
export function FindingTable({ items, loading, showOrg = true, expandAll = false }: FindingTableProps) {
  const rows = useMemo<AlertRow[]>(
    () => (items ?? []).map((item, i) => ({ ...item, key: `${item.ruleId}:${item.orgId}:${i}` })),
    [items],
  );
  const columns = useMemo(() => alertColumns(showOrg), [showOrg]);
  return (
    <Table<AlertRow>
      size="middle"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 条` }}
      expandable={{
        expandedRowRender: (row) => <ClauseView clause={row.clause} kind={row.kind} />,
        columnTitle: '依据',
        defaultExpandAllRows: expandAll,
      }}
      locale={{ emptyText: '没有预警' }}
    />
  );
}
