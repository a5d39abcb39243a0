import { Card, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { ClauseView } from '../../components/clause-view';
import { type ListPaging, ResponsiveList } from '../../components/responsive-list';
import { SeverityTag } from '../../components/severity-tag';
import { formatDate } from '../../lib/format';
import type { AlertItem } from './api';
import { alertColumns, FindingStateTag } from './columns';
import { alertPath, firstSeenDay } from './links';

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

/** A finding as a card (phones): what, where, where it stands, by when, and a way to its page. */
function FindingCard({ row, showOrg }: { row: AlertItem; showOrg: boolean }) {
  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={4}>
        <Flex gap={6} align="center" wrap>
          <SeverityTag severity={row.severity} />
          <FindingStateTag state={row.state} reopenCount={row.reopenCount} />
          <Link to={alertPath(row.key)} style={{ fontWeight: 600 }}>
            {row.title}
          </Link>
        </Flex>
        {showOrg ? <Link to={`/orgs/${row.orgId}?tab=alerts`}>{row.orgName}</Link> : null}
        <Typography.Text>{row.message}</Typography.Text>
        <Typography.Text type="secondary">建议：{row.suggestion}</Typography.Text>
        <Typography.Text type="secondary">
          首次发现：{firstSeenDay(row.firstSeenAt)}
          {row.dueDate ? `　期限：${formatDate(row.dueDate)}` : ''}
        </Typography.Text>
        {row.assignee ? (
          <Typography.Text type="secondary">责任人：{row.assignee.name}</Typography.Text>
        ) : null}
        <Flex justify="space-between" align="end" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            依据：{row.clause.source} {row.clause.article}
          </Typography.Text>
          <Link to={alertPath(row.key)} style={{ flex: 'none' }}>
            详情与处理
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}

/** Findings with their suggestion and clause in an expandable row (cards on phones), paged by the server. */
export function FindingTable({
  items,
  loading,
  paging,
  showOrg = true,
  expandAll = false,
}: FindingTableProps) {
  const columns = useMemo(() => alertColumns(showOrg), [showOrg]);
  return (
    <ResponsiveList<AlertItem>
      items={items}
      rowKey={(row) => row.key}
      columns={columns}
      renderCard={(row) => <FindingCard row={row} showOrg={showOrg} />}
      loading={loading}
      paging={paging}
      emptyText="没有预警"
      tableProps={{
        expandable: {
          expandedRowRender: (row) => (
            <Flex vertical gap={8}>
              <Typography.Text>整改建议：{row.suggestion}</Typography.Text>
              <ClauseView clause={row.clause} kind={row.kind} />
            </Flex>
          ),
          columnTitle: '更多',
          defaultExpandAllRows: expandAll,
        },
      }}
    />
  );
}
