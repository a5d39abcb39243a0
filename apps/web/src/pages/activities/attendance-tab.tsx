import { UserAddOutlined } from '@ant-design/icons';
import {
  type ActivityDetail,
  type Attendee,
  activityLimits,
  attendanceStatusLabels,
  partyStatusLabels,
  signInMethodLabels,
} from '@dangjian/core';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/form-dialog';
import { PersonPicker } from '../../components/person-picker';
import { useErrorHandler } from '../../lib/errors';
import { emptyText } from '../../lib/format';
import { useDecideLeave, useMarkAttendance, useUpdateGuests } from './api';
import { AttendanceStatusTag, AttendeeRoleTag, formatShanghai, LeaveStatusTag } from './columns';

type Dialog =
  | { kind: 'present'; attendee: Attendee }
  | { kind: 'refuseLeave'; attendee: Attendee }
  | { kind: 'guests' };

const reasonRules = (label: string) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { max: activityLimits.reason.max, message: `${label}不能超过 ${activityLimits.reason.max} 个字` },
];

/** Counts of the record as four figures. */
function CountsSummary({ detail }: { detail: ActivityDetail }) {
  const c = detail.counts;
  // Leaders taking part as ordinary members: not those on leave or absent.
  const dual = detail.attendees.filter(
    (a) => a.role === 'dual_life' && a.status !== 'leave' && a.status !== 'absent',
  ).length;
  return (
    <Flex gap={32} wrap style={{ marginBottom: 16 }}>
      <Statistic title={attendanceStatusLabels.expected} value={c.expected} />
      <Statistic title="实到" value={c.present} />
      <Statistic title={attendanceStatusLabels.leave} value={c.leave} />
      <Statistic title={attendanceStatusLabels.absent} value={c.absent} />
      {detail.status === 'held' || detail.status === 'published' ? (
        <Statistic title="未到" value={c.pending} />
      ) : null}
      {dual > 0 ? <Statistic title="双重组织生活" value={dual} /> : null}
    </Flex>
  );
}

/** 出勤签到: who is expected, who signed in and how, leave requests, 补签 by hand. */
export function AttendanceTab({ detail }: { detail: ActivityDetail }) {
  const mark = useMarkAttendance(detail.id);
  const decide = useDecideLeave(detail.id);
  const guests = useUpdateGuests(detail.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const canManage = detail.abilities.manageAttendance;
  // Leave is decided from the moment it is asked, before the meeting starts; the rest waits for it.
  const canDecideLeave = detail.abilities.decideLeave;

  const approve = async (a: Attendee) => {
    try {
      await decide.mutateAsync({ personId: a.personId, body: { approve: true } });
      message.success(`已批准${a.name}的请假`);
    } catch (error) {
      handleError(error);
    }
  };
  const setStatus = async (a: Attendee, status: 'absent' | 'expected') => {
    try {
      await mark.mutateAsync({ personId: a.personId, status });
      message.success(`${a.name}：${attendanceStatusLabels[status]}`);
    } catch (error) {
      handleError(error);
    }
  };

  const columns: TableColumnsType<Attendee> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (name: string, a) => (
        <Space size={4} wrap>
          {name}
          {a.role !== 'member' ? <AttendeeRoleTag role={a.role} posts={a.leaderPosts} /> : null}
        </Space>
      ),
    },
    {
      title: '党籍',
      key: 'party',
      width: 120,
      render: (_, a) => (
        <Space size={4}>
          {a.partyStatus ? partyStatusLabels[a.partyStatus] : emptyText}
          {a.mayVote ? null : (
            <Tooltip title="预备党员、列席人员没有表决权">
              <Tag>无表决权</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '出勤',
      dataIndex: 'status',
      width: 80,
      render: (_, a) => <AttendanceStatusTag status={a.status} />,
    },
    {
      title: '签到',
      key: 'signIn',
      width: 200,
      render: (_, a) =>
        a.signedInAt ? (
          <Flex vertical>
            <span>
              {formatShanghai(a.signedInAt, 'MM-DD HH:mm:ss')}
              {a.signInMethod ? `（${signInMethodLabels[a.signInMethod]}）` : ''}
            </span>
            {a.manualReason ? <Typography.Text type="secondary">{a.manualReason}</Typography.Text> : null}
          </Flex>
        ) : (
          emptyText
        ),
    },
    {
      title: '请假',
      key: 'leave',
      render: (_, a) =>
        a.leave ? (
          <Flex vertical gap={2}>
            <Space size={4} wrap>
              <LeaveStatusTag status={a.leave.status} />
              <span>{a.leave.reason}</span>
            </Space>
            {a.leave.note ? <Typography.Text type="secondary">批注：{a.leave.note}</Typography.Text> : null}
          </Flex>
        ) : (
          emptyText
        ),
    },
  ];
  if (canManage || canDecideLeave) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_, a) => (
        <Space size={0} wrap>
          {canDecideLeave && a.leave?.status === 'requested' ? (
            <>
              <Button type="link" size="small" onClick={() => void approve(a)}>
                批准请假
              </Button>
              <Button
                type="link"
                size="small"
                danger
                onClick={() => setDialog({ kind: 'refuseLeave', attendee: a })}
              >
                不批准
              </Button>
            </>
          ) : null}
          {canManage && a.status !== 'present' ? (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'present', attendee: a })}>
              补签
            </Button>
          ) : null}
          {canManage && a.status === 'expected' && detail.status === 'held' ? (
            <Popconfirm title={`将${a.name}记为缺席？`} onConfirm={() => setStatus(a, 'absent')}>
              <Button type="link" size="small" danger>
                记缺席
              </Button>
            </Popconfirm>
          ) : null}
          {canManage && (a.status === 'absent' || (a.status === 'present' && a.signInMethod === 'manual')) ? (
            <Popconfirm
              title={`撤销${a.name}的出勤记录，恢复为应到？`}
              onConfirm={() => setStatus(a, 'expected')}
            >
              <Button type="link" size="small">
                撤销
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    });
  }

  return (
    <>
      <CountsSummary detail={detail} />
      {canManage ? (
        <Flex justify="end" style={{ marginBottom: 8 }}>
          <Button icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'guests' })}>
            添加列席人员
          </Button>
        </Flex>
      ) : null}
      <Table<Attendee>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={detail.attendees}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />

      {dialog?.kind === 'present' ? (
        <FormModal<{ reason: string }>
          title={`补签：${dialog.attendee.name}`}
          open
          onClose={() => setDialog(null)}
          onSubmit={({ reason }) =>
            mark.mutateAsync({ personId: dialog.attendee.personId, status: 'present', reason: reason.trim() })
          }
          successMessage="已补签"
          okText="补签"
        >
          <Form.Item name="reason" label="补签原因" rules={reasonRules('补签原因')}>
            <Input.TextArea autoSize={{ minRows: 2 }} placeholder="如：手机没电，会上核实本人出席" />
          </Form.Item>
        </FormModal>
      ) : null}
      {dialog?.kind === 'refuseLeave' ? (
        <FormModal<{ note: string }>
          title={`不批准请假：${dialog.attendee.name}`}
          open
          onClose={() => setDialog(null)}
          onSubmit={({ note }) =>
            decide.mutateAsync({
              personId: dialog.attendee.personId,
              body: { approve: false, note: note.trim() },
            })
          }
          successMessage="已处理"
          okText="不批准"
          okDanger
        >
          <Form.Item name="note" label="理由" rules={reasonRules('理由')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </FormModal>
      ) : null}
      {dialog?.kind === 'guests' ? (
        <FormModal<{ personId: number | null }>
          title="添加列席人员"
          open
          onClose={() => setDialog(null)}
          onSubmit={({ personId }) => guests.mutateAsync({ add: personId ? [personId] : [], remove: [] })}
          successMessage="已添加"
          okText="添加"
        >
          <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
            <PersonPicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
