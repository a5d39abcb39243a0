import { Card, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { ClauseView } from '../../components/clause-view';
import { type ListPaging, ResponsiveList } from '../../components/responsive-list';
import { SeverityTag } from '../../components/severity-tag';
import { formatDate } from '../../lib/format';
import type { AlertItem } from './api';
import { type AlertRow, alertColumns } from './columns';

interface FindingTableProps {
  /** The page of findings the server sent. */
  items: readonly AlertItem[] | undefined;
  loading: boolean;
  paging: ListPaging;
  /** Show the org column (off inside one org's page). */
  showOrg?: boolean;
  /** Open every row's clause at first (for short lists whose data is already loaded). */
  expandAll?: boolean;
}

/** A finding as a card (phones): what, where, what to do, by when, and why. */
function FindingCard({ row, showOrg }: { row: AlertRow; showOrg: boolean }) {
  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={4}>
        <Flex gap={6} align="center" wrap>
          <SeverityTag severity={row.severity} />
          <Typography.Text strong>{row.title}</Typography.Text>
        </Flex>
        {showOrg ? <Link to={`/orgs/${row.orgId}?tab=alerts`}>{row.orgName}</Link> : null}
        <Typography.Text>{row.message}</Typography.Text>
        <Typography.Text type="secondary">建议：{row.suggestion}</Typography.Text>
        {row.dueDate ? (
          <Typography.Text type="secondary">期限：{formatDate(row.dueDate)}</Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          依据：{row.clause.source} {row.clause.article}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** Findings with their clause in an expandable row (cards on phones), paged by the server. */
export function FindingTable({
  items,
  loading,
  paging,
  showOrg = true,
  expandAll = false,
}: FindingTableProps) {
  const offset = (paging.page - 1) * paging.pageSize;
  const rows = useMemo<AlertRow[]>(
    () => (items ?? []).map((item, i) => ({ ...item, key: `${item.ruleId}:${item.orgId}:${offset + i}` })),
    [items, offset],
  );
  const columns = useMemo(() => alertColumns(showOrg), [showOrg]);
  return (
    <ResponsiveList<AlertRow>
      items={items ? rows : undefined}
      rowKey={(row) => row.key}
      columns={columns}
      renderCard={(row) => <FindingCard row={row} showOrg={showOrg} />}
      loading={loading}
      paging={paging}
      emptyText="没有预警"
      tableProps={{
        expandable: {
          expandedRowRender: (row) => <ClauseView clause={row.clause} kind={row.kind} />,
          columnTitle: '依据',
          defaultExpandAllRows: expandAll,
        },
      }}
    />
  );
}
