import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/query-error';
import { todayIso } from '../../lib/format';
import { memberAttendanceXlsxUrl, useMemberAttendance } from '../activities/api';
import { AttendanceRecordView } from '../activities/attendance-record-view';

/** 组织生活出勤 tab of a member's page: the year's record, with its xlsx. */
export function MemberAttendanceTab({ personId }: { personId: number }) {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const record = useMemberAttendance(personId, year);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select<number>
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年份"
        />
        <Button icon={<DownloadOutlined />} href={memberAttendanceXlsxUrl(personId, year)}>
          导出出勤记录
        </Button>
      </Flex>
      {record.isError ? <QueryError error={record.error} onRetry={() => void record.refetch()} /> : null}
      {record.isPending ? <Skeleton active /> : null}
      {record.data ? <AttendanceRecordView record={record.data} /> : null}
    </Flex>
  );
}
