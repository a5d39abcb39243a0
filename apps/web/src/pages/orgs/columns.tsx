import { type Appointment, postCodes, postLabels } from '@dangjian/core';
import { type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/format';

/** Orders appointments: serving first, then by post (书记 first), then by start date. */
export function sortAppointments(list: readonly Appointment[]): Appointment[] {
  return [...list].sort(
    (a, b) =>
      Number(a.endDate !== null) - Number(b.endDate !== null) ||
      postCodes.indexOf(a.post) - postCodes.indexOf(b.post) ||
      a.startDate.localeCompare(b.startDate),
  );
}

/** Columns of a team or appointment table; `actions` renders the row buttons when editing is allowed. */
export function appointmentColumns(actions?: (row: Appointment) => ReactNode): TableColumnsType<Appointment> {
  const columns: TableColumnsType<Appointment> = [
    {
      title: '职务',
      dataIndex: 'post',
      key: 'post',
      width: 100,
      render: (_, row) => postLabels[row.post],
    },
    {
      title: '姓名',
      dataIndex: 'personName',
      key: 'personName',
      width: 160,
      render: (_, row) => (
        <span>
          <Typography.Text delete={row.endDate !== null}>{row.personName}</Typography.Text>
          {row.isDualLeader ? (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              双带头人
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: '党员身份',
      dataIndex: 'isFullMember',
      key: 'isFullMember',
      width: 100,
      render: (_, row) => (row.isFullMember ? <Tag>正式党员</Tag> : <Tag color="orange">预备党员</Tag>),
    },
    {
      title: '任职日期',
      dataIndex: 'startDate',
      key: 'startDate',
      width: 110,
      render: (_, row) => formatDate(row.startDate),
    },
    {
      title: '状态',
      dataIndex: 'endDate',
      key: 'endDate',
      width: 150,
      render: (_, row) =>
        row.endDate === null ? <Tag color="green">在任</Tag> : <Tag>{formatDate(row.endDate)} 免职</Tag>,
    },
  ];
  if (actions) columns.push({ title: '操作', key: 'actions', width: 180, render: (_, row) => actions(row) });
  return columns;
}
