import {
  progressReportCadenceLabels,
  type SupervisedTaskItem,
  type SupervisedTaskStatus,
  supervisedTaskStatusLabels,
} from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { emptyText, formatDate } from '../../lib/format';
import { supervisedTaskPath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1), not antd's status ones.
const statusColors = {
  awaiting_acceptance: 'gold',
  in_progress: 'blue',
  reported_done: 'purple',
  done: 'green',
} as const satisfies Record<SupervisedTaskStatus, string>;

/** Where a task stands: 待签收, 办理中, 已报办结, 已办结. */
export function SupervisedTaskStatusTag({ status }: { status: SupervisedTaskStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {supervisedTaskStatusLabels[status]}
    </Tag>
  );
}

type DeadlineFacts = Pick<
  SupervisedTaskItem,
  'deadline' | 'originalDeadline' | 'extensions' | 'extensionRequest' | 'overdue' | 'reportMissing'
>;

/** 办结期限 with 逾期 / 已延期 / 延期待审 / 进展未报 tags, and the first deadline once it was extended. */
export function TaskDeadlineView({ item }: { item: DeadlineFacts }) {
  return (
    <Flex vertical gap={2}>
      <Space size={4} wrap>
        <span>{formatDate(item.deadline)}</span>
        {item.overdue ? <Tag color="red">逾期</Tag> : null}
        {item.extensions > 0 ? <Tag color="orange">已延期{item.extensions}次</Tag> : null}
        {item.extensionRequest ? <Tag color="gold">延期待审</Tag> : null}
        {item.reportMissing ? <Tag color="volcano">进展未报</Tag> : null}
      </Space>
      {item.extensions > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          原定 {formatDate(item.originalDeadline)}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The meeting the decision came from: 党委会：2026年第6次党委会（2026-06-10）. */
export function SourceMeeting({ item }: { item: Pick<SupervisedTaskItem, 'activity'> }) {
  return (
    <span>
      {item.activity.kindLabel}：
      {item.activity.id ? (
        // Underlined: a link inside text is told apart by more than its colour (WCAG 1.4.1).
        <Link to={`/activities/${item.activity.id}`} style={{ textDecoration: 'underline' }}>
          {item.activity.title}
        </Link>
      ) : (
        item.activity.title
      )}
      <Typography.Text type="secondary">（{formatDate(item.activity.onDate)}）</Typography.Text>
    </span>
  );
}

export const supervisedTaskColumns: TableColumnsType<SupervisedTaskItem> = [
  {
    title: '督办事项',
    key: 'title',
    render: (_, r) => <Link to={supervisedTaskPath(r.id)}>{r.title}</Link>,
  },
  { title: '来源会议', key: 'source', render: (_, r) => <SourceMeeting item={r} />, width: 220 },
  { title: '交办单位', key: 'issuer', render: (_, r) => r.issuerOrg.name, width: 140 },
  { title: '牵头单位', key: 'lead', render: (_, r) => r.leadOrg.name, width: 140 },
  { title: '办结期限', key: 'deadline', render: (_, r) => <TaskDeadlineView item={r} />, width: 170 },
  {
    title: '进展报告',
    key: 'reports',
    render: (_, r) => (
      <Flex vertical gap={2}>
        <span>{progressReportCadenceLabels[r.cadence]}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          最近 {r.lastReportOn ? formatDate(r.lastReportOn) : emptyText}
        </Typography.Text>
      </Flex>
    ),
    width: 120,
  },
  {
    title: '状态',
    key: 'status',
    render: (_, r) => <SupervisedTaskStatusTag status={r.status} />,
    width: 90,
  },
];

/** A task as a card on a narrow screen. */
export function SupervisedTaskCard({ item }: { item: SupervisedTaskItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Link to={supervisedTaskPath(item.id)} style={{ fontWeight: 600 }}>
            {item.title}
          </Link>
          <SupervisedTaskStatusTag status={item.status} />
        </Flex>
        <Typography.Text type="secondary">
          {item.issuerOrg.name} 交办 · {item.leadOrg.name} 牵头
        </Typography.Text>
        <SourceMeeting item={item} />
        <TaskDeadlineView item={item} />
      </Flex>
    </Card>
  );
}
