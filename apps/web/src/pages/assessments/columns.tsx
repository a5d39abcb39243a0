import {
  type AssessmentRoundItem,
  type AssessmentStatus,
  assessedLevelLabels,
  assessmentKindLabels,
  assessmentStatuses,
  assessmentStatusLabels,
  type FollowUpBand,
  followUpBandLabels,
  type IndicatorSystemItem,
  resultModeLabels,
  starLabel,
} from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { assessmentPaths } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1), not antd's status ones.
const statusColors = {
  self_assessment: 'gold',
  general_branch_review: 'orange',
  department_review: 'blue',
  committee_decision: 'geekblue',
  public_notice: 'purple',
  final: 'green',
  not_rated: 'default',
} as const satisfies Record<AssessmentStatus, string>;

/** Where an org stands in a round: 待自评 … 已确定, 不参评. */
export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {assessmentStatusLabels[status]}
    </Tag>
  );
}

const followUpColors = { exemplary: 'green', improve: 'blue', rectify: 'red' } as const satisfies Record<
  FollowUpBand,
  string
>;

/** 示范 / 提升 / 整改. */
export function FollowUpTag({ band }: { band: FollowUpBand | null }) {
  if (!band) return null;
  return (
    <Tag color={followUpColors[band]} style={{ marginInlineEnd: 0 }}>
      {followUpBandLabels[band]}
    </Tag>
  );
}

/** Stars as icons with their name for screen readers ('四星级'); a dash when none. */
export function Stars({ stars, provisional = false }: { stars: number | null; provisional?: boolean }) {
  if (stars === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const name = `${starLabel(stars)}${provisional ? '（暂定）' : ''}`;
  return (
    <span title={name} data-stars={stars} style={{ whiteSpace: 'nowrap' }}>
      <span aria-hidden style={{ color: provisional ? '#8c8c8c' : '#d4380d', letterSpacing: 1 }}>
        {'★'.repeat(stars)}
      </span>
      <span className="visually-hidden">{name}</span>
    </span>
  );
}

/** How many orgs of a round are at each status, as small tags (statuses with none left out). */
export function RoundProgress({ progress }: { progress: AssessmentRoundItem['progress'] }) {
  const shown = assessmentStatuses.filter((s) => (progress[s] ?? 0) > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">没有参加的党组织</Typography.Text>;
  return (
    <Space size={4} wrap>
      {shown.map((s) => (
        <Tag key={s} color={statusColors[s]} style={{ marginInlineEnd: 0 }}>
          {assessmentStatusLabels[s]} {progress[s]}
        </Tag>
      ))}
    </Space>
  );
}

const period = (r: Pick<AssessmentRoundItem, 'periodStart' | 'periodEnd'>) =>
  `${formatDate(r.periodStart)} 至 ${formatDate(r.periodEnd)}`;

export const roundColumns: TableColumnsType<AssessmentRoundItem> = [
  {
    title: '考核轮次',
    key: 'title',
    render: (_, r) => <Link to={assessmentPaths.round(r.id)}>{r.title}</Link>,
  },
  {
    title: '指标体系',
    key: 'system',
    render: (_, r) => (
      <Flex vertical gap={2}>
        <span>{r.system.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {assessmentKindLabels[r.system.kind]}
        </Typography.Text>
      </Flex>
    ),
    width: 240,
  },
  { title: '考核范围', key: 'scope', render: (_, r) => r.scopeOrg.name, width: 160 },
  { title: '考核期', key: 'period', render: (_, r) => period(r), width: 200 },
  { title: '进度', key: 'progress', render: (_, r) => <RoundProgress progress={r.progress} />, width: 260 },
];

/** A round as a card on a narrow screen. */
export function RoundCard({ item }: { item: AssessmentRoundItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Link to={assessmentPaths.round(item.id)} style={{ fontWeight: 600 }}>
          {item.title}
        </Link>
        <Typography.Text type="secondary">
          {item.system.name} · {item.scopeOrg.name}
        </Typography.Text>
        <Typography.Text type="secondary">考核期 {period(item)}</Typography.Text>
        <RoundProgress progress={item.progress} />
      </Flex>
    </Card>
  );
}

export const systemColumns: TableColumnsType<IndicatorSystemItem> = [
  {
    title: '指标体系',
    key: 'name',
    render: (_, r) => <Link to={assessmentPaths.system(r.id)}>{r.name}</Link>,
  },
  { title: '年度', key: 'year', render: (_, r) => r.year, width: 80 },
  { title: '考核类型', key: 'kind', render: (_, r) => assessmentKindLabels[r.kind], width: 220 },
  { title: '考核对象', key: 'level', render: (_, r) => assessedLevelLabels[r.level], width: 110 },
  {
    title: '结果形式',
    key: 'mode',
    render: (_, r) =>
      r.mode === 'score' ? `${resultModeLabels[r.mode]}（${r.maxScore} 分）` : resultModeLabels[r.mode],
    width: 140,
  },
  {
    title: '状态',
    key: 'inUse',
    render: (_, r) => (r.inUse ? <Tag color="blue">已用于考核（锁定）</Tag> : <Tag>可修改</Tag>),
    width: 150,
  },
];

/** A system version as a card on a narrow screen. */
export function SystemCard({ item }: { item: IndicatorSystemItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Link to={assessmentPaths.system(item.id)} style={{ fontWeight: 600 }}>
            {item.name}
          </Link>
          {item.inUse ? <Tag color="blue">已锁定</Tag> : null}
        </Flex>
        <Typography.Text type="secondary">
          {item.year}年 · {assessmentKindLabels[item.kind]} · {assessedLevelLabels[item.level]}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
