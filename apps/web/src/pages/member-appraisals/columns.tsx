import {
  type AppraisalGrade,
  type AppraisalStatus,
  appraisalGradeLabels,
  appraisalGrades,
  appraisalStatusLabels,
  type MemberAppraisalItem,
} from '@dangjian/core';
import { Card, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { appraisalPath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1).
const statusColors = {
  self_assessment: 'gold',
  peer_review: 'orange',
  voting: 'blue',
  proposal: 'purple',
  decision: 'magenta',
  completed: 'green',
} as const satisfies Record<AppraisalStatus, string>;

export function AppraisalStatusTag({ status }: { status: AppraisalStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {appraisalStatusLabels[status]}
    </Tag>
  );
}

const gradeColors = {
  excellent: 'red',
  qualified: 'green',
  basically_qualified: 'orange',
  unqualified: 'volcano',
} as const satisfies Record<AppraisalGrade, string>;

export function GradeTag({ grade }: { grade: AppraisalGrade | null }) {
  if (!grade) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={gradeColors[grade]} style={{ marginInlineEnd: 0 }}>
      {appraisalGradeLabels[grade]}
    </Tag>
  );
}

/** 优秀 2，合格 10… of a completed appraisal. */
export function DecidedCounts({ decided }: { decided: MemberAppraisalItem['decided'] }) {
  if (!decided) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      {appraisalGrades
        .filter((g) => (decided[g] ?? 0) > 0)
        .map((g) => `${appraisalGradeLabels[g]} ${decided[g]}`)
        .join('，')}
    </span>
  );
}

export const appraisalColumns: TableColumnsType<MemberAppraisalItem> = [
  {
    title: '民主评议',
    key: 'title',
    render: (_, r) => (
      <Link to={appraisalPath(r.id)}>
        {r.year}年度 {r.org.name}
      </Link>
    ),
  },
  { title: '参评', key: 'roll', render: (_, r) => `${r.rollSize}人（正式党员${r.graded}人）`, width: 160 },
  { title: '已自评', key: 'self', render: (_, r) => `${r.selfAssessed}/${r.rollSize}`, width: 90 },
  { title: '启动', key: 'started', render: (_, r) => formatDate(r.startedOn), width: 110 },
  { title: '评定结果', key: 'decided', render: (_, r) => <DecidedCounts decided={r.decided} />, width: 220 },
  { title: '状态', key: 'status', render: (_, r) => <AppraisalStatusTag status={r.status} />, width: 140 },
];

export function AppraisalCard({ item }: { item: MemberAppraisalItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Link to={appraisalPath(item.id)} style={{ fontWeight: 600 }}>
            {item.year}年度 {item.org.name}
          </Link>
          <AppraisalStatusTag status={item.status} />
        </Flex>
        <Typography.Text type="secondary">
          参评 {item.rollSize} 人，已自评 {item.selfAssessed} 人
        </Typography.Text>
        <DecidedCounts decided={item.decided} />
      </Flex>
    </Card>
  );
}
