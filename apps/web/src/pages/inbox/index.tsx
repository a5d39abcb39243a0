import { type InboxKind, inboxKindLabels, inboxKinds } from '@dangjian/core';
import { Alert, Flex, type TableProps, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useTabParam } from '../../lib/use-tab-param';
import { type InboxEntry, useInbox } from './api';
import { InboxDue, InboxGo, InboxItemCard } from './entry';
import { filterInbox } from './format';

const tabKeys = ['all', ...inboxKinds] as const;
const defaultPageSize = 20;

function columns(today: string): NonNullable<TableProps<InboxEntry>['columns']> {
  return [
    {
      key: 'kind',
      title: '类型',
      width: 150,
      render: (_, item) => <Tag style={{ marginInlineEnd: 0 }}>{inboxKindLabels[item.kind]}</Tag>,
    },
    {
      key: 'title',
      title: '事项',
      render: (_, item) => (
        <Flex vertical gap={2} style={{ maxWidth: 560 }}>
          <Typography.Text strong>{item.title}</Typography.Text>
          {item.detail ? <Typography.Text type="secondary">{item.detail}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'org', title: '党组织', width: 200, render: (_, item) => item.orgName ?? '—' },
    { key: 'due', title: '期限', width: 150, render: (_, item) => <InboxDue item={item} today={today} /> },
    { key: 'go', title: '操作', width: 110, render: (_, item) => <InboxGo item={item} size="small" /> },
  ];
}

/**
 * 待办: what waits for the user across modules (leave to decide, corrections, transfers, 发展党员
 * steps, supervision comments, records to close, findings assigned to them), most urgent first,
 * by kind. An item leaves the list when the record that settles it is entered.
 */
export function InboxPage() {
  const inbox = useInbox();
  const [tab, setTab] = useTabParam(tabKeys);
  const [paging, setPaging] = useState({ page: 1, pageSize: defaultPageSize });
  const data = inbox.data;
  const kind = tab as InboxKind | 'all';
  const items = data ? filterInbox(data.items, kind) : undefined;
  const shown = items?.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize);
  const overdue = data?.items.filter((i) => i.overdue).length ?? 0;
  const today = data?.today ?? '';

  // Only the kinds that have something waiting (and the one in the URL, so it does not vanish).
  const tabs = [
    { key: 'all', label: `全部（${data?.total ?? 0}）` },
    ...(data?.byKind ?? [])
      .filter((k) => k.count > 0 || k.kind === tab)
      .map((k) => ({ key: k.kind, label: `${k.label}（${k.count}）` })),
  ];

  return (
    <PageContainer title="待办">
      {overdue > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${overdue} 项已过期限，请尽快处理`}
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        items={tabs}
      />
      {inbox.isError ? (
        <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : (
        <ResponsiveList<InboxEntry>
          items={shown}
          rowKey={(item) => `${item.kind}:${item.link}:${item.title}`}
          columns={columns(today)}
          renderCard={(item) => <InboxItemCard item={item} today={today} />}
          loading={inbox.isPending}
          paging={{
            page: paging.page,
            pageSize: paging.pageSize,
            total: items?.length ?? 0,
            unit: '项',
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          emptyText="暂无待办"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        待办由各项工作自动生成：批准请假、审核更正、确认转接等办理完成后，对应事项自动消失。
      </Typography.Paragraph>
    </PageContainer>
  );
}
