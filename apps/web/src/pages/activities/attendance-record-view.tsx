import { attendanceStatusLabels } from '@dangjian/core';
import { Card, Empty, Flex, List, Progress, Statistic, Typography } from 'antd';
import type { AttendanceRecord } from './api';
import { ActivityKindTag, AttendanceStatusTag, AttendeeRoleTag } from './columns';

/** A person's attendance at organisational life in a year: rate, counts and the list (phone-friendly). */
export function AttendanceRecordView({ record: r }: { record: AttendanceRecord }) {
  const year = r.year;
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-around" align="center" wrap gap={12}>
          <Progress
            type="circle"
            size={88}
            percent={r.rate === null ? 0 : Math.round(r.rate * 100)}
            format={() => (r.rate === null ? '—' : `${Math.round(r.rate * 100)}%`)}
          />
          <Flex gap={16}>
            <Statistic title={attendanceStatusLabels.expected} value={r.counts.expected} />
            <Statistic title={attendanceStatusLabels.present} value={r.counts.present} />
            <Statistic title={attendanceStatusLabels.leave} value={r.counts.leave} />
            <Statistic title={attendanceStatusLabels.absent} value={r.counts.absent} />
          </Flex>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', textAlign: 'center' }}>
          出勤率 = 出席 ÷（应到 − 请假）
        </Typography.Paragraph>
      </Card>
      {r.items.length === 0 ? <Empty description={`${year}年没有出勤记录`} /> : null}
      {r.items.length > 0 ? (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List
            dataSource={r.items}
            renderItem={(item) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong>{item.title}</Typography.Text>
                    <AttendanceStatusTag status={item.status} />
                  </Flex>
                  <Flex gap={6} wrap align="center">
                    <ActivityKindTag kind={item.kind} />
                    {item.role !== 'member' ? <AttendeeRoleTag role={item.role} /> : null}
                    <Typography.Text type="secondary">
                      {item.onDate} · {item.orgName}
                    </Typography.Text>
                  </Flex>
                  {item.leaveReason ? (
                    <Typography.Text type="secondary">请假：{item.leaveReason}</Typography.Text>
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </Flex>
  );
}
