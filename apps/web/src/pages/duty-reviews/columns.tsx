import {
  type DutyReviewItem,
  type DutyReviewStatus,
  dutyReviewLevelLabels,
  dutyReviewStatusLabels,
} from '@dangjian/core';
import { Card, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { dutyReviewPath } from './api';

const statusColors = {
  launched: 'default',
  reporting: 'gold',
  meeting: 'blue',
  voting: 'purple',
  grading: 'cyan',
  approved: 'geekblue',
  published: 'green',
} as const satisfies Record<DutyReviewStatus, string>;

/** Where a campaign stands. */
export function DutyReviewStatusTag({ status }: { status: DutyReviewStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {dutyReviewStatusLabels[status]}
    </Tag>
  );
}

export const dutyReviewColumns: TableColumnsType<DutyReviewItem> = [
  {
    title: '述职评议',
    key: 'title',
    // The title wraps (the table is as wide as its content): the 状态 stays on a 1366-wide screen.
    render: (_, r) => (
      <Link
        to={dutyReviewPath(r.id)}
        style={{ display: 'inline-block', maxWidth: 360, whiteSpace: 'normal' }}
      >
        {r.title}
      </Link>
    ),
  },
  { title: '状态', key: 'status', width: 110, render: (_, r) => <DutyReviewStatusTag status={r.status} /> },
  { title: '年度', dataIndex: 'year', width: 70 },
  { title: '组织单位', key: 'org', render: (_, r) => r.org.name, width: 180 },
  { title: '述职对象', key: 'level', render: (_, r) => dutyReviewLevelLabels[r.level], width: 130 },
  {
    title: '进度',
    key: 'progress',
    width: 200,
    render: (_, r) => `述职 ${r.subjects} 人，报告 ${r.reportsSubmitted}，已评定 ${r.graded}`,
  },
  {
    title: '时间',
    key: 'dates',
    width: 200,
    render: (_, r) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}`,
  },
];

/** One campaign as a card (phones). */
export function DutyReviewCard({ item }: { item: DutyReviewItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={4}>
        <Link to={dutyReviewPath(item.id)}>{item.title}</Link>
        <Flex gap={8} wrap align="center">
          <DutyReviewStatusTag status={item.status} />
          <Typography.Text type="secondary">
            述职 {item.subjects} 人，报告 {item.reportsSubmitted}，已评定 {item.graded}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
