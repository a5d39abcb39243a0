import {
  type RectificationItem,
  type RectificationStatus,
  rectificationSourceLabels,
  rectificationStatusLabels,
} from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../lib/access';
import { emptyText, formatDate } from '../../lib/format';
import { alertPath } from '../alerts/links';
import { rectificationPath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1), not antd's status ones.
const statusColors = {
  pending: 'gold',
  in_progress: 'blue',
  submitted: 'purple',
  closed: 'green',
} as const satisfies Record<RectificationStatus, string>;

/** Where an item stands: 待整改, 整改中, 已提交, 已销号 (and 反弹 when a 回头看 reopened it). */
export function RectificationStatusTag({
  status,
  reopenCount = 0,
}: {
  status: RectificationStatus;
  reopenCount?: number;
}) {
  return (
    <Space size={4} wrap>
      <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
        {rectificationStatusLabels[status]}
      </Tag>
      {reopenCount > 0 ? (
        <Tooltip title={`回头看发现反弹，重新整改 ${reopenCount} 次`}>
          {/* Focusable so keyboard and touch users reach the explanation too. */}
          <Tag color="volcano" tabIndex={0} style={{ marginInlineEnd: 0, cursor: 'help' }}>
            反弹{reopenCount > 1 ? ` ${reopenCount}` : ''}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

type DeadlineFacts = Pick<
  RectificationItem,
  | 'deadline'
  | 'originalDeadline'
  | 'extensions'
  | 'extensionRequest'
  | 'nextDue'
  | 'overdue'
  | 'milestoneCount'
  | 'status'
>;

/**
 * 期限: the deadline with 逾期 / 已延期 / 延期待审 tags, the first deadline once it was extended, and the next
 * milestone's date of a 长期整改 item when it comes first.
 */
export function DeadlineView({ item }: { item: DeadlineFacts }) {
  const extended = item.extensions > 0;
  const nextMilestone = item.milestoneCount > 0 && item.nextDue !== item.deadline && item.status !== 'closed';
  // A 长期整改 item is overdue when a milestone is: the tag then goes with that milestone, not the deadline.
  const milestoneOverdue = item.overdue && nextMilestone;
  return (
    <Flex vertical gap={2}>
      <Space size={4} wrap>
        <span>{formatDate(item.deadline)}</span>
        {item.overdue && !milestoneOverdue ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            逾期
          </Tag>
        ) : null}
        {extended ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            已延期{item.extensions > 1 ? ` ${item.extensions} 次` : ''}
          </Tag>
        ) : null}
        {item.extensionRequest ? (
          <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
            延期待审
          </Tag>
        ) : null}
      </Space>
      {extended ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          原定 {formatDate(item.originalDeadline)}
        </Typography.Text>
      ) : null}
      {nextMilestone ? (
        <Space size={4} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            下一阶段 {formatDate(item.nextDue)}
          </Typography.Text>
          {milestoneOverdue ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              阶段逾期
            </Tag>
          ) : null}
        </Space>
      ) : null}
    </Flex>
  );
}

/** 来源: its kind, what it was in words, and a link to the finding or the meeting record it came from. */
export function SourceView({
  item,
}: {
  item: Pick<RectificationItem, 'source' | 'sourceLabel' | 'findingKey' | 'activityId'>;
}) {
  const can = useCan();
  const label = rectificationSourceLabels[item.source];
  const link = item.findingKey
    ? { to: alertPath(item.findingKey), text: '查看预警' }
    : item.activityId !== null && can('life:activity:view')
      ? { to: `/activities/${item.activityId}`, text: '查看会议记录' }
      : null;
  return (
    <Flex vertical gap={2}>
      <span>
        {label}
        {link ? (
          <>
            {' '}
            {/* Underlined: a link inside a line of text is told apart by more than its colour. */}
            <Link
              to={link.to}
              aria-label={`${link.text}（${label}）`}
              style={{ textDecoration: 'underline' }}
            >
              {link.text}
            </Link>
          </>
        ) : null}
      </span>
      {item.sourceLabel ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.sourceLabel}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The problem as the item's title: a link to its page, two lines at most in the table. */
function ProblemLink({ item, clamp }: { item: RectificationItem; clamp: boolean }) {
  return (
    <Link
      to={rectificationPath(item.id)}
      title={item.problem}
      style={
        clamp
          ? {
              display: '-webkit-box',
              WebkitLineClamp: 2,
              WebkitBoxOrient: 'vertical',
              overflow: 'hidden',
              maxWidth: 320,
            }
          : { fontWeight: 600, overflowWrap: 'anywhere' }
      }
    >
      {item.problem}
    </Link>
  );
}

/** The org that rectifies; 协办 when the user sees the item only as one of its assisting orgs. */
function OrgView({ item }: { item: RectificationItem }) {
  return (
    <Space size={4} wrap>
      <span>{item.orgName}</span>
      {item.assisting ? (
        <Tooltip title="本单位是该事项的协办单位：可查看、填报协办进展，由牵头单位整改和提交销号">
          <Tag color="geekblue" tabIndex={0} style={{ marginInlineEnd: 0, cursor: 'help' }}>
            协办
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** Columns of the 整改台账. */
export const rectificationColumns: TableColumnsType<RectificationItem> = [
  {
    title: '问题',
    dataIndex: 'problem',
    key: 'problem',
    width: 320,
    render: (_, row) => <ProblemLink item={row} clamp />,
  },
  {
    title: '来源',
    dataIndex: 'source',
    key: 'source',
    width: 150,
    render: (_, row) => <SourceView item={row} />,
  },
  {
    title: '整改单位',
    dataIndex: 'orgName',
    key: 'orgName',
    width: 180,
    render: (_, row) => <OrgView item={row} />,
  },
  {
    title: '责任人',
    dataIndex: 'responsiblePerson',
    key: 'responsiblePerson',
    width: 80,
    render: (_, row) => row.responsiblePerson?.name ?? emptyText,
  },
  {
    title: '期限',
    dataIndex: 'deadline',
    key: 'deadline',
    width: 150,
    render: (_, row) => <DeadlineView item={row} />,
  },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    width: 96,
    render: (_, row) => <RectificationStatusTag status={row.status} reopenCount={row.reopenCount} />,
  },
  {
    title: '进展',
    key: 'progress',
    width: 90,
    render: (_, row) => (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        佐证 {row.evidenceCount} 项
        {row.milestoneCount > 0 ? (
          <>
            <br />
            阶段 {row.milestonesDone}/{row.milestoneCount}
          </>
        ) : null}
      </Typography.Text>
    ),
  },
];

/** An item as a card, for phones: the problem, where and by whom, by when, where it stands. */
export function RectificationCard({ item }: { item: RectificationItem }) {
  return (
    <Card
      size="small"
      styles={{ body: { padding: 12 } }}
      style={item.overdue ? { borderColor: '#cf1322', borderLeftWidth: 4 } : undefined}
    >
      <Flex vertical gap={6}>
        <ProblemLink item={item} clamp={false} />
        <Typography.Text type="secondary">
          <OrgView item={item} />
          {item.responsiblePerson ? ` · 责任人 ${item.responsiblePerson.name}` : ''}
        </Typography.Text>
        <SourceView item={item} />
        <Flex justify="space-between" align="start" gap={8} wrap>
          <DeadlineView item={item} />
          <RectificationStatusTag status={item.status} reopenCount={item.reopenCount} />
        </Flex>
      </Flex>
    </Card>
  );
}
