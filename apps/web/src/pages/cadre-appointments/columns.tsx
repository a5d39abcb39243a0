import {
  type AppointmentStatus,
  appointmentStatusLabels,
  type CadreAppointmentItem,
  cadreAppointmentDueLabels,
  cadrePostLevelLabels,
  cadreTrackLabels,
} from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { emptyText, formatDate } from '../../lib/format';
import { cadreAppointmentPath, cadrePath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1).
const statusColors = {
  motion: 'default',
  recommended: 'blue',
  inspected: 'blue',
  decided: 'geekblue',
  notice: 'gold',
  probation: 'purple',
  confirmed: 'green',
  dismissed: 'volcano',
  vetoed: 'red',
  withdrawn: 'default',
} as const satisfies Record<AppointmentStatus, string>;

export function AppointmentStatusTag({ status }: { status: AppointmentStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {appointmentStatusLabels[status]}
    </Tag>
  );
}

/** What is due: 公示期满待任职, 试用期即将期满, 试用期满待转正 — with its day. */
export function DueTag({ due }: { due: CadreAppointmentItem['due'] }) {
  if (!due) return null;
  return (
    <Tag color={due.overdue ? 'red' : 'orange'}>
      {cadreAppointmentDueLabels[due.kind]} {formatDate(due.dueOn)}
    </Tag>
  );
}

/** The person, linked to their 干部名册 page once they are in it. */
export function PersonName({ item }: { item: Pick<CadreAppointmentItem, 'name' | 'cadreId'> }) {
  return item.cadreId ? (
    <Link to={cadrePath(item.cadreId)} style={{ textDecoration: 'underline' }}>
      {item.name}
    </Link>
  ) : (
    <span>{item.name}</span>
  );
}

const post = (r: CadreAppointmentItem) =>
  `${r.unit.name}${r.postTitle}（${cadrePostLevelLabels[r.level]}，${cadreTrackLabels[r.track]}${r.exceptional ? '，破格' : ''}）`;

export const cadreAppointmentColumns: TableColumnsType<CadreAppointmentItem> = [
  {
    title: '人员',
    key: 'name',
    render: (_, r) => <Link to={cadreAppointmentPath(r.id)}>{r.name}</Link>,
    width: 110,
  },
  { title: '拟任职务', key: 'post', render: (_, r) => post(r) },
  { title: '动议日期', key: 'motion', render: (_, r) => formatDate(r.motionOn), width: 110 },
  {
    title: '党委决定',
    key: 'decided',
    render: (_, r) => (r.decidedOn ? formatDate(r.decidedOn) : emptyText),
    width: 110,
  },
  {
    title: '公示 / 试用期',
    key: 'dates',
    render: (_, r) => (
      <Flex vertical gap={2}>
        {r.noticeStartOn ? (
          <span>
            公示 {formatDate(r.noticeStartOn)} 至 {formatDate(r.noticeEndOn)}
          </span>
        ) : null}
        {r.probationEndOn ? <span>试用期至 {formatDate(r.probationEndOn)}</span> : null}
        <DueTag due={r.due} />
      </Flex>
    ),
    width: 230,
  },
  { title: '状态', key: 'status', render: (_, r) => <AppointmentStatusTag status={r.status} />, width: 110 },
];

export function CadreAppointmentCard({ item }: { item: CadreAppointmentItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Link to={cadreAppointmentPath(item.id)} style={{ fontWeight: 600 }}>
            {item.name}
          </Link>
          <AppointmentStatusTag status={item.status} />
        </Flex>
        <Typography.Text type="secondary">{post(item)}</Typography.Text>
        <Space size={4} wrap>
          <span>动议 {formatDate(item.motionOn)}</span>
          {item.probationEndOn ? <span>· 试用期至 {formatDate(item.probationEndOn)}</span> : null}
        </Space>
        <DueTag due={item.due} />
      </Flex>
    </Card>
  );
}
