import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { notificationKindLabels } from '@dangjian/core';
import { Badge, Button, Card, Flex, type TableProps, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useTabParam } from '../../lib/use-tab-param';
import { type NotificationEntry, useMarkRead, useNotificationList } from './api';
import { NotificationItemView, useOpenNotification } from './entry';
import { formatRelativeTime } from './format';

const tabKeys = ['all', 'unread'] as const;
const defaultPageSize = 20;

function columns(
  open: (item: NotificationEntry) => void,
  now: Date,
): TableProps<NotificationEntry>['columns'] {
  return [
    {
      key: 'state',
      title: '状态',
      width: 80,
      render: (_, item) =>
        item.readAt === null ? (
          <Badge status="error" text="未读" />
        ) : (
          <Typography.Text type="secondary">已读</Typography.Text>
        ),
    },
    {
      key: 'kind',
      title: '类型',
      width: 140,
      render: (_, item) => <Tag style={{ marginInlineEnd: 0 }}>{notificationKindLabels[item.kind]}</Tag>,
    },
    {
      key: 'message',
      title: '消息',
      render: (_, item) => (
        <div style={{ maxWidth: 640, marginInline: -8 }}>
          <NotificationItemView item={item} onOpen={open} now={now} inTable />
        </div>
      ),
    },
    {
      key: 'createdAt',
      title: '时间',
      width: 170,
      render: (_, item) => (
        <Flex vertical>
          <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatRelativeTime(item.createdAt, now)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
}

/**
 * 消息中心: the user's own messages (全部 / 未读), newest first. Opening one marks it read and goes where
 * it is done; 全部标为已读 clears the count; 通知设置 chooses what else goes by e-mail.
 */
export function NotificationsPage() {
  const [tab, setTab] = useTabParam(tabKeys);
  const [paging, setPaging] = useState({ page: 1, pageSize: defaultPageSize });
  const list = useNotificationList({ ...paging, unread: tab === 'unread' ? true : undefined });
  const markRead = useMarkRead();
  const handleError = useErrorHandler();
  const open = useOpenNotification();
  const data = list.data;
  const now = new Date();

  return (
    <PageContainer
      title="消息中心"
      extra={
        <>
          <Button
            icon={<CheckOutlined />}
            disabled={!data || data.unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({ all: true }, { onError: (e) => handleError(e) })}
          >
            全部标为已读
          </Button>
          <Link to="/notifications/settings" style={{ alignSelf: 'center' }}>
            <SettingOutlined aria-hidden /> 通知设置
          </Link>
        </>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        items={[
          { key: 'all', label: '全部' },
          { key: 'unread', label: data && data.unread > 0 ? `未读（${data.unread}）` : '未读' },
        ]}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<NotificationEntry>
          items={data?.items}
          rowKey={(item) => item.id}
          columns={columns(open, now) ?? []}
          renderCard={(item) => (
            <Card size="small" styles={{ body: { padding: 4 } }}>
              <NotificationItemView item={item} onOpen={open} now={now} showKind />
            </Card>
          )}
          loading={list.isPending || list.isFetching}
          paging={{
            page: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            unit: '条消息',
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          emptyText={tab === 'unread' ? '没有未读消息' : '暂无消息'}
        />
      )}
      <Flex style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          消息中心保存全部通知；是否同时发送电子邮件、免打扰时段可在“通知设置”中调整。
        </Typography.Text>
      </Flex>
    </PageContainer>
  );
}
