import {
  type CampaignItem,
  type CampaignProgress,
  type CampaignSubmissionStatus,
  campaignKindLabels,
  campaignSubmissionStatusLabels,
} from '@dangjian/core';
import { Card, Flex, Progress, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { formatShanghai } from '../activities/columns';
import { campaignPath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1), not antd's status ones.
const statusColors = {
  not_submitted: 'default',
  overdue: 'red',
  submitted: 'green',
  submitted_late: 'orange',
} as const satisfies Record<CampaignSubmissionStatus, string>;

/** 未提交 / 逾期未提交 / 已提交 / 逾期提交, with the day it was submitted when it was. */
export function SubmissionTag({ status, at }: { status: CampaignSubmissionStatus; at?: string | null }) {
  return (
    <Space size={4} wrap>
      <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
        {campaignSubmissionStatusLabels[status]}
      </Tag>
      {at ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatShanghai(at, 'YYYY-MM-DD')}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** How many of the orgs in scope have submitted a part, and how many are late. */
export function ProgressView({ progress, part }: { progress: CampaignProgress; part: 'list' | 'summary' }) {
  const done = part === 'list' ? progress.listSubmitted : progress.summarySubmitted;
  const overdue = part === 'list' ? progress.listOverdue : progress.summaryOverdue;
  return (
    <Flex vertical gap={0}>
      <Progress
        percent={progress.orgs ? Math.round((done / progress.orgs) * 100) : 0}
        size="small"
        showInfo={false}
        aria-label={`${part === 'list' ? '问题清单' : '整改总结'}已提交 ${done} / ${progress.orgs}`}
      />
      <Typography.Text style={{ fontSize: 12 }}>
        已提交 {done}/{progress.orgs}
        {overdue > 0 ? <Typography.Text type="danger">，逾期未提交 {overdue}</Typography.Text> : null}
      </Typography.Text>
    </Flex>
  );
}

/** A secretary's own row: where their list and summary stand. */
function OwnRowView({ item }: { item: CampaignItem }) {
  if (!item.ownRow) return null;
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">本单位：</Typography.Text>
      <span>问题清单</span>
      <SubmissionTag status={item.ownRow.listStatus} />
      <span>整改总结</span>
      <SubmissionTag status={item.ownRow.summaryStatus} />
    </Space>
  );
}

export const campaignColumns: TableColumnsType<CampaignItem> = [
  {
    title: '问题清单',
    key: 'name',
    render: (_, r) => (
      <Flex vertical gap={2}>
        <Link to={campaignPath(r.id)}>{r.name}</Link>
        <OwnRowView item={r} />
      </Flex>
    ),
  },
  { title: '类型', key: 'kind', render: (_, r) => campaignKindLabels[r.kind], width: 130 },
  { title: '部署日期', key: 'issued', render: (_, r) => formatDate(r.issuedOn), width: 110 },
  {
    title: '问题清单报送',
    key: 'list',
    render: (_, r) => (
      <Flex vertical gap={2}>
        <span>截止 {formatDate(r.listDueOn)}</span>
        <ProgressView progress={r.progress} part="list" />
      </Flex>
    ),
    width: 190,
  },
  {
    title: '整改总结报送',
    key: 'summary',
    render: (_, r) => (
      <Flex vertical gap={2}>
        <span>截止 {formatDate(r.summaryDueOn)}</span>
        <ProgressView progress={r.progress} part="summary" />
      </Flex>
    ),
    width: 190,
  },
  {
    title: '问题整改',
    key: 'figures',
    render: (_, r) => (
      <span>
        问题 {r.progress.figures.items}，已销号 {r.progress.figures.closed}
        {r.progress.figures.overdue > 0 ? (
          <Typography.Text type="danger">，逾期 {r.progress.figures.overdue}</Typography.Text>
        ) : null}
      </span>
    ),
    width: 170,
  },
];

/** A campaign as a card on a narrow screen. */
export function CampaignCard({ item }: { item: CampaignItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Link to={campaignPath(item.id)} style={{ fontWeight: 600 }}>
          {item.name}
        </Link>
        <Typography.Text type="secondary">
          {campaignKindLabels[item.kind]} · {formatDate(item.issuedOn)} 部署
        </Typography.Text>
        <OwnRowView item={item} />
        <span>问题清单截止 {formatDate(item.listDueOn)}</span>
        <ProgressView progress={item.progress} part="list" />
        <span>整改总结截止 {formatDate(item.summaryDueOn)}</span>
        <ProgressView progress={item.progress} part="summary" />
      </Flex>
    </Card>
  );
}
