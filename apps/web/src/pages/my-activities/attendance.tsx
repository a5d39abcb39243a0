import { Button, Flex, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { todayIso } from '../../lib/format';
import { useMyAttendance } from '../activities/api';
import { AttendanceRecordView } from '../activities/attendance-record-view';

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
        {r ? <AttendanceRecordView record={r} /> : null}
      </Flex>
    </PageContainer>
  );
}
