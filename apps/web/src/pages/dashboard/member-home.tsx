import { RightOutlined } from '@ant-design/icons';
import type { MyActivity } from '@dangjian/core';
import { Card, Empty, Flex, Skeleton, Statistic } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error';
import { useMyActivities } from '../activities/api';
import { LeaveRequestModal, MyActivityCard } from '../my-activities/index';
import { useNotificationList } from '../notifications/api';
import { NotificationItemView, useOpenNotification } from '../notifications/entry';

/** 下次组织生活: the member's next record, with 请假 (and the sign-in prompt) as on 我的组织生活. */
export function NextActivityCard() {
  const mine = useMyActivities();
  const [leaving, setLeaving] = useState<MyActivity | null>(null);
  const next = mine.data?.upcoming[0];
  const more = (mine.data?.upcoming.length ?? 0) - 1;
  return (
    <Card
      title="下次组织生活"
      extra={<Link to="/me/activities">{more > 0 ? `全部（${more + 1}）` : '我的组织生活'}</Link>}
      styles={{ body: { padding: 12 } }}
    >
      {mine.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {mine.data && !next ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近期没有需要参加的活动" />
      ) : null}
      {next ? <MyActivityCard item={next} onLeave={() => setLeaving(next)} /> : null}
      {leaving ? <LeaveRequestModal item={leaving} onClose={() => setLeaving(null)} /> : null}
    </Card>
  );
}

/** 未读消息: the count and the three newest unread messages; opening one reads it. */
export function UnreadMessagesCard() {
  const list = useNotificationList({ page: 1, pageSize: 3, unread: true });
  const open = useOpenNotification();
  const data = list.data;
  const now = new Date();
  return (
    <Card
      title="未读消息"
      extra={
        <Link to="/notifications">
          消息中心 <RightOutlined aria-hidden />
        </Link>
      }
      styles={{ body: { padding: 12 } }}
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {data ? (
        <Flex vertical gap={8}>
          <Link to="/notifications?tab=unread">
            <Statistic title="未读" value={data.unread} suffix="条" />
          </Link>
          {data.items.length > 0 ? (
            <ul aria-label="最新未读消息" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.items.map((item) => (
                <li key={item.id}>
                  <NotificationItemView item={item} onOpen={open} now={now} />
                </li>
              ))}
            </ul>
          ) : null}
        </Flex>
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
    </Card>
  );
}
