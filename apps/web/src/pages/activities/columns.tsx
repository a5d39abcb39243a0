import {
  type ActivityKind,
  type ActivityListItem,
  type ActivityStatus,
  type AttendanceStatus,
  type AttendeeRole,
  activityKindLabels,
  activityStatusLabels,
  attendanceStatusLabels,
  attendeeRoleLabels,
  type LeaveStatus,
  leaveStatusLabels,
  type ReviewRating,
  reviewRatingLabels,
} from '@dangjian/core';
import { Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { emptyText } from '../../lib/format';

const shanghaiOffsetMs = 8 * 3600 * 1000;

/** A picked wall-clock time, read as Asia/Shanghai, as an ISO instant with its offset. */
export function toShanghaiIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** An ISO instant as the wall-clock time in Asia/Shanghai, for a picker (whatever the browser's zone). */
export function fromShanghaiIso(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return null;
  return dayjs(new Date(t + shanghaiOffsetMs).toISOString().slice(0, 16));
}

/** An instant shown in the college's time (Asia/Shanghai). */
export function formatShanghai(value: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  return fromShanghaiIso(value)?.format(pattern) ?? emptyText;
}

const kindColors: Record<ActivityKind, string> = {
  general_meeting: 'red',
  committee_meeting: 'volcano',
  group_meeting: 'orange',
  lecture: 'gold',
  theme_day: 'magenta',
  review_meeting: 'purple',
  leadership_review_meeting: 'geekblue',
  member_appraisal: 'cyan',
  talk: 'green',
  study_group_session: 'blue',
  work_meeting: 'default',
  joint_meeting: 'lime',
};

export function ActivityKindTag({ kind }: { kind: ActivityKind }) {
  return <Tag color={kindColors[kind]}>{activityKindLabels[kind]}</Tag>;
}

// Preset colours, not antd's status ones (success/processing/warning/error), whose text is 2.2–3.7:1;
// theme.ts darkens the presets' text to 4.5:1.
const statusColors: Record<ActivityStatus, string> = {
  planned: 'default',
  published: 'blue',
  held: 'geekblue',
  closed: 'green',
  cancelled: 'red',
};

export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  return <Tag color={statusColors[status]}>{activityStatusLabels[status]}</Tag>;
}

const attendanceColors: Record<AttendanceStatus, string> = {
  expected: 'default',
  present: 'green',
  leave: 'gold',
  absent: 'red',
};

export function AttendanceStatusTag({ status }: { status: AttendanceStatus }) {
  return <Tag color={attendanceColors[status]}>{attendanceStatusLabels[status]}</Tag>;
}

const roleColors: Record<AttendeeRole, string> = { member: 'default', dual_life: 'red', guest: 'blue' };

/** Why someone is on the list; a 双重组织生活 tag names the leader's posts. */
export function AttendeeRoleTag({ role, posts = [] }: { role: AttendeeRole; posts?: readonly string[] }) {
  const tag = <Tag color={roleColors[role]}>{attendeeRoleLabels[role]}</Tag>;
  return posts.length > 0 ? <Tooltip title={posts.join('、')}>{tag}</Tooltip> : tag;
}

const leaveColors: Record<LeaveStatus, string> = {
  requested: 'blue',
  approved: 'green',
  rejected: 'red',
};

export function LeaveStatusTag({ status }: { status: LeaveStatus }) {
  return <Tag color={leaveColors[status]}>{leaveStatusLabels[status]}</Tag>;
}

const ratingColors: Record<ReviewRating, string> = {
  standard: 'green',
  basic: 'gold',
  nonstandard: 'red',
};

export function RatingTag({ rating }: { rating: ReviewRating }) {
  return <Tag color={ratingColors[rating]}>{reviewRatingLabels[rating]}</Tag>;
}

/** 实到/应到 with leave and absence, as the ledger writes it. */
export function CountsText({ counts }: { counts: ActivityListItem['counts'] }) {
  return (
    <Space size={4} wrap>
      <span>
        {counts.present}/{counts.expected}
      </span>
      {counts.leave > 0 ? <Typography.Text type="warning">假{counts.leave}</Typography.Text> : null}
      {counts.absent > 0 ? <Typography.Text type="danger">缺{counts.absent}</Typography.Text> : null}
    </Space>
  );
}

/** Columns of the activity list. */
export const activityColumns: TableColumnsType<ActivityListItem> = [
  {
    title: '时间',
    dataIndex: 'startsAt',
    width: 150,
    render: (v: string) => formatShanghai(v),
  },
  {
    title: '类型',
    dataIndex: 'kind',
    width: 130,
    render: (kind: ActivityKind) => <ActivityKindTag kind={kind} />,
  },
  {
    title: '主题',
    dataIndex: 'title',
    render: (title: string, row) => (
      <Space size={4} wrap>
        <Link to={`/activities/${row.id}`}>{title}</Link>
        {row.hasFirstTopic ? <Tag color="red">第一议题</Tag> : null}
      </Space>
    ),
  },
  { title: '党组织', dataIndex: ['org', 'name'], width: 200, ellipsis: true },
  { title: '主持人', dataIndex: ['host', 'name'], width: 90, render: (v?: string) => v ?? emptyText },
  {
    title: '实到/应到',
    key: 'counts',
    width: 120,
    render: (_, row) => <CountsText counts={row.counts} />,
  },
  {
    title: '状态',
    key: 'status',
    width: 150,
    render: (_, row) => (
      <Space size={0} wrap>
        <ActivityStatusTag status={row.status} />
        {row.pendingLeave > 0 ? <Tag color="orange">请假待批 {row.pendingLeave}</Tag> : null}
      </Space>
    ),
  },
  {
    title: '检查',
    dataIndex: 'rating',
    width: 100,
    render: (rating: ReviewRating | null) => (rating ? <RatingTag rating={rating} /> : emptyText),
  },
];
