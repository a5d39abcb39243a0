import { attendanceStatusLabels } from '@dangjian/core';
import { Button, Card, Empty, Flex, List, Progress, Select, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { todayIso } from '../../lib/format';
import { useMyAttendance } from '../activities/api';
import { ActivityKindTag, AttendanceStatusTag, AttendeeRoleTag } from '../activities/columns';

/** 我的出勤 (phone): the member's attendance at organisational life in a year, with the rate. */
export function MyAttendancePage() {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const record = useMyAttendance(year);
  const r = record.data;

  return (
    <PageContainer
      title="我的出勤"
      extra={
        <Link to="/me/activities">
          <Button>我的组织生活</Button>
        </Link>
      }
    >
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        <Select<number>
          size="large"
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年份"
        />
        {record.isError ? <QueryError error={record.error} onRetry={() => void record.refetch()} /> : null}
        {record.isPending ? <Skeleton active /> : null}
        {r ? (
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
        ) : null}
        {r && r.items.length === 0 ? <Empty description={`${year}年没有出勤记录`} /> : null}
        {r && r.items.length > 0 ? (
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
    </PageContainer>
  );
}
