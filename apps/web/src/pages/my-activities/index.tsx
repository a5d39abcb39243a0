import { EnvironmentOutlined, QrcodeOutlined, ScheduleOutlined } from '@ant-design/icons';
import { activityLimits, type MyActivity } from '@dangjian/core';
import { Alert, Button, Card, Empty, Flex, Form, Input, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { emptyText } from '../../lib/format';
import { useMyActivities, useRequestLeave } from '../activities/api';
import { ActivityKindTag, AttendanceStatusTag, formatShanghai, LeaveStatusTag } from '../activities/columns';

/** One record as a phone card: what, when, where, my status, and asking for leave (also on 首页). */
export function MyActivityCard({ item, onLeave }: { item: MyActivity; onLeave: () => void }) {
  const [showNotice, setShowNotice] = useState(false);
  return (
    <Card size="small" styles={{ body: { padding: 14 } }}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {item.title}
          </Typography.Text>
          <AttendanceStatusTag status={item.myStatus} />
        </Flex>
        <Flex gap={6} wrap align="center">
          <ActivityKindTag kind={item.kind} />
          <Typography.Text type="secondary">{item.org.name}</Typography.Text>
        </Flex>
        <Flex vertical gap={2}>
          <Typography.Text>
            <ScheduleOutlined /> {formatShanghai(item.startsAt)}
          </Typography.Text>
          <Typography.Text>
            <EnvironmentOutlined /> {item.place ?? emptyText}
          </Typography.Text>
        </Flex>
        {item.leave ? (
          <Flex gap={6} wrap align="center">
            <LeaveStatusTag status={item.leave.status} />
            <Typography.Text type="secondary">{item.leave.reason}</Typography.Text>
            {item.leave.note ? (
              <Typography.Text type="secondary">（{item.leave.note}）</Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        {item.signInOpen && item.myStatus !== 'present' ? (
          <Alert
            type="success"
            showIcon
            icon={<QrcodeOutlined />}
            title="正在签到：请扫描会场屏幕上的二维码"
          />
        ) : null}
        {item.notice ? (
          showNotice ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {item.notice}
            </Typography.Paragraph>
          ) : (
            <Button
              type="link"
              style={{ padding: 0, alignSelf: 'start' }}
              onClick={() => setShowNotice(true)}
            >
              查看通知
            </Button>
          )
        ) : null}
        {item.canRequestLeave ? (
          <Button size="large" block onClick={onLeave}>
            请假
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 请假: the member gives a reason; the secretaries and the host are told (also on 首页). */
export function LeaveRequestModal({ item, onClose }: { item: MyActivity; onClose: () => void }) {
  const requestLeave = useRequestLeave();
  return (
    <FormModal<{ reason: string }>
      title={`请假：${item.title}`}
      open
      onClose={onClose}
      onSubmit={({ reason }) => requestLeave.mutateAsync({ id: item.id, body: { reason: reason.trim() } })}
      successMessage="已提交请假，等待书记批准"
      okText="提交"
    >
      <Form.Item
        name="reason"
        label="请假原因"
        rules={[
          { required: true, whitespace: true, message: '请填写请假原因' },
          {
            max: activityLimits.reason.max,
            message: `请假原因不能超过 ${activityLimits.reason.max} 个字`,
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} placeholder="如：外出参加技能大赛带队" />
      </Form.Item>
    </FormModal>
  );
}

type View = 'upcoming' | 'recent';

/** 我的组织生活 (phone): upcoming and recent records, asking for leave, a link to my attendance. */
export function MyActivitiesPage() {
  const mine = useMyActivities();
  const [view, setView] = useState<View>('upcoming');
  const [leaving, setLeaving] = useState<MyActivity | null>(null);
  const items = view === 'upcoming' ? mine.data?.upcoming : mine.data?.recent;

  return (
    <PageContainer
      title="我的组织生活"
      extra={
        <Link to="/me/attendance">
          <Button>我的出勤</Button>
        </Link>
      }
    >
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        <Segmented<View>
          block
          size="large"
          value={view}
          onChange={setView}
          options={[
            { value: 'upcoming', label: `近期活动${mine.data ? `（${mine.data.upcoming.length}）` : ''}` },
            { value: 'recent', label: '最近参加' },
          ]}
        />
        {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
        {mine.isPending ? <Skeleton active /> : null}
        {items && items.length === 0 ? (
          <Empty description={view === 'upcoming' ? '近期没有需要参加的活动' : '还没有参加记录'} />
        ) : null}
        {(items ?? []).map((item) => (
          <MyActivityCard key={item.id} item={item} onLeave={() => setLeaving(item)} />
        ))}
      </Flex>
      {leaving ? <LeaveRequestModal item={leaving} onClose={() => setLeaving(null)} /> : null}
    </PageContainer>
  );
}
