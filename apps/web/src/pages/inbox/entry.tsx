import { inboxKindLabels } from '@dangjian/core';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { emptyText } from '../../lib/format';
import { isAppPath } from '../notifications/format';
import type { InboxEntry } from './api';
import { formatDueDate } from './format';

/** The due date as a person says it, and a red 已逾期 tag past it (red-7 on red-1: 5.9:1, not #ff4d4f). */
export function InboxDue({ item, today }: { item: InboxEntry; today: string }) {
  if (item.dueDate === null) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <Flex gap={4} align="center" wrap>
      <time dateTime={item.dueDate}>{formatDueDate(item.dueDate, today)}</time>
      {item.overdue ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          已逾期
        </Tag>
      ) : null}
    </Flex>
  );
}

/** 去处理: opens the page where the item is done (only paths of this app are followed). */
export function InboxGo({ item, size }: { item: InboxEntry; size?: 'small' | 'middle' }) {
  const navigate = useNavigate();
  const link = item.link;
  if (!isAppPath(link)) return null;
  return (
    <Button
      type="primary"
      ghost
      size={size}
      aria-label={`去处理：${item.title}`}
      onClick={() => navigate(link)}
    >
      去处理
    </Button>
  );
}

/** One 待办 as a card: kind, title, detail, org, due date and 去处理. */
export function InboxItemCard({
  item,
  today,
  showKind = true,
}: {
  item: InboxEntry;
  today: string;
  showKind?: boolean;
}) {
  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={6}>
        <Flex gap={6} wrap align="center">
          {showKind ? <Tag style={{ marginInlineEnd: 0 }}>{inboxKindLabels[item.kind]}</Tag> : null}
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {item.title}
          </Typography.Text>
        </Flex>
        {item.detail ? (
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {item.detail}
          </Typography.Text>
        ) : null}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            {item.orgName ? <Typography.Text type="secondary">{item.orgName}</Typography.Text> : null}
            {item.dueDate ? (
              <Flex gap={4} align="center">
                <Typography.Text type="secondary">期限</Typography.Text>
                <InboxDue item={item} today={today} />
              </Flex>
            ) : null}
          </Flex>
          <InboxGo item={item} size="small" />
        </Flex>
      </Flex>
    </Card>
  );
}
