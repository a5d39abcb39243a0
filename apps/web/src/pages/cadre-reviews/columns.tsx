import {
  type CadreReviewGrade,
  type CadreReviewItem,
  type CadreReviewStatus,
  cadreReviewGradeLabels,
  cadreReviewStatusLabels,
} from '@dangjian/core';
import { Card, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { cadreReviewPath } from './api';

const statusColors = {
  preparing: 'default',
  reporting: 'gold',
  voting: 'purple',
  grading: 'cyan',
  published: 'green',
} as const satisfies Record<CadreReviewStatus, string>;

export function CadreReviewStatusTag({ status }: { status: CadreReviewStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {cadreReviewStatusLabels[status]}
    </Tag>
  );
}

const gradeColors = {
  excellent: 'green',
  competent: 'blue',
  basically_competent: 'orange',
  incompetent: 'red',
} as const satisfies Record<CadreReviewGrade, string>;

export function CadreGradeTag({ grade }: { grade: CadreReviewGrade }) {
  return (
    <Tag color={gradeColors[grade]} style={{ marginInlineEnd: 0 }}>
      {cadreReviewGradeLabels[grade]}
    </Tag>
  );
}

const progress = (r: CadreReviewItem) =>
  `考核 ${r.subjects} 人，已评定 ${r.graded}，优秀 ${r.excellent} / 名额 ${r.excellentQuota}`;

export const cadreReviewColumns: TableColumnsType<CadreReviewItem> = [
  {
    title: '年度考核',
    key: 'title',
    render: (_, r) => <Link to={cadreReviewPath(r.id)}>{r.title}</Link>,
  },
  { title: '阶段', key: 'status', width: 110, render: (_, r) => <CadreReviewStatusTag status={r.status} /> },
  { title: '年度', dataIndex: 'year', width: 80 },
  { title: '考核基准日', dataIndex: 'reviewOn', width: 120 },
  { title: '进度', key: 'progress', render: (_, r) => progress(r) },
];

export function CadreReviewCard({ item }: { item: CadreReviewItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={4}>
        <Link to={cadreReviewPath(item.id)}>{item.title}</Link>
        <Flex gap={8} wrap align="center">
          <CadreReviewStatusTag status={item.status} />
          <Typography.Text type="secondary">{progress(item)}</Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
