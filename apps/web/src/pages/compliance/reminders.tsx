import { activityKindLabels, lifeItemLabels } from '@dangjian/core';
import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error';
import { useReminders } from './api';

/** What is due in the next 14 days (unmet requirements of periods ending) and what is planned. */
export function RemindersCard({ compact = false }: { compact?: boolean }) {
  const q = useReminders();
  const data = q.data;
  const items = data
    ? [
        ...data.deadlines.map((d) => ({
          key: `d:${d.orgId}:${d.item}:${d.periodKey}`,
          date: d.dueDate,
          tag: <Tag color={d.daysLeft <= 3 ? 'red' : 'orange'}>剩 {d.daysLeft} 天</Tag>,
          text: (
            <>
              <Typography.Text strong>{d.orgName}</Typography.Text>　{d.periodLabel}尚需
              {lifeItemLabels[d.item]}
              {d.needed > 1 ? `（已 ${d.count} / ${d.needed} 次）` : ''}
            </>
          ),
        })),
        ...data.planned.map((p) => ({
          key: `p:${p.id}`,
          date: p.onDate,
          tag: <Tag color="blue">已计划</Tag>,
          text: (
            <Link to={`/activities/${p.id}`}>
              {p.orgName}　{activityKindLabels[p.kind]}：{p.title}
            </Link>
          ),
        })),
      ].sort((a, b) => a.date.localeCompare(b.date))
    : [];
  return (
    <Card
      title="近 14 天提醒"
      extra={data ? <Typography.Text type="secondary">截至 {data.today}</Typography.Text> : null}
      style={{ height: '100%' }}
    >
      {q.isPending ? <Skeleton active /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {data && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近 14 天没有到期事项" />
      ) : null}
      {items.length > 0 ? (
        <List
          size="small"
          dataSource={compact ? items.slice(0, 8) : items}
          renderItem={(i) => (
            <List.Item key={i.key}>
              <Typography.Text type="secondary" style={{ width: 88, flex: 'none' }}>
                {i.date}
              </Typography.Text>
              <span style={{ flex: 1, minWidth: 0 }}>{i.text}</span>
              {i.tag}
            </List.Item>
          )}
          footer={
            compact && items.length > 8 ? (
              <Link to="/compliance">还有 {items.length - 8} 项，查看全部</Link>
            ) : null
          }
        />
      ) : null}
    </Card>
  );
}
