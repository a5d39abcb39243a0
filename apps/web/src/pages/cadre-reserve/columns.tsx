import {
  type ReserveCandidateItem,
  type ReserveStatus,
  reserveLevelLabels,
  reserveStatusLabels,
} from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { emptyText, formatDate } from '../../lib/format';
import { reservePath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1), not antd's status ones.
const statusColors = {
  nominated: 'gold',
  admitted: 'cyan',
  in_training: 'blue',
  appointed: 'green',
  withdrawn: 'default',
} as const satisfies Record<ReserveStatus, string>;

/** 提名, 入库, 培养中, 已使用（提任）, 退出. */
export function ReserveStatusTag({ status }: { status: ReserveStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {reserveStatusLabels[status]}
    </Tag>
  );
}

/** 超龄 / 培养事项逾期 / 挂职中 marks of a candidate. */
export function ReserveMarks({ item }: { item: ReserveCandidateItem }) {
  return (
    <Space size={4} wrap>
      {item.overAge ? <Tag color="red">超过年龄条件</Tag> : null}
      {item.overdueItems > 0 ? <Tag color="volcano">培养事项逾期{item.overdueItems}项</Tag> : null}
      {item.secondedTo ? <Tag color="purple">挂职中</Tag> : null}
    </Space>
  );
}

/** The candidate's current post: the cadre roster's (linking the cadre file), else the person record's 岗位. */
export function CurrentPost({ item }: { item: Pick<ReserveCandidateItem, 'cadre' | 'position'> }) {
  if (item.cadre)
    return (
      <Link to={`/cadres/${item.cadre.id}`} style={{ textDecoration: 'underline' }}>
        {item.cadre.posts.join('、') || '干部档案'}
      </Link>
    );
  return <>{item.position ?? emptyText}</>;
}

export const reserveColumns: TableColumnsType<ReserveCandidateItem> = [
  { title: '姓名', key: 'name', render: (_, r) => <Link to={reservePath(r.id)}>{r.name}</Link>, width: 100 },
  { title: '年龄', key: 'age', render: (_, r) => r.age ?? emptyText, width: 64 },
  { title: '所在单位', key: 'unit', render: (_, r) => r.unitName ?? r.orgName ?? emptyText, width: 160 },
  { title: '现岗位/职务', key: 'post', render: (_, r) => <CurrentPost item={r} /> },
  { title: '后备层级', key: 'level', render: (_, r) => reserveLevelLabels[r.level], width: 150 },
  { title: '状态', key: 'status', render: (_, r) => <ReserveStatusTag status={r.status} />, width: 110 },
  { title: '提名日期', key: 'nominatedOn', render: (_, r) => formatDate(r.nominatedOn), width: 110 },
  { title: '提示', key: 'marks', render: (_, r) => <ReserveMarks item={r} />, width: 200 },
];

/** A candidate as a card (phones). */
export function ReserveCard({ item }: { item: ReserveCandidateItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="center" gap={8}>
          <Link to={reservePath(item.id)}>
            {item.name}
            {item.age !== null ? `（${item.age}岁）` : ''}
          </Link>
          <ReserveStatusTag status={item.status} />
        </Flex>
        <Typography.Text type="secondary">
          {item.unitName ?? item.orgName ?? ''} · {reserveLevelLabels[item.level]}
        </Typography.Text>
        <ReserveMarks item={item} />
      </Flex>
    </Card>
  );
}
