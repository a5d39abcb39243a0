import { Flex, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { todayIso } from '../../lib/format';
import { useMyHours } from './api';
import { PersonHoursView } from './hours-view';

/** 我的学时 (phone): the member's 学时 of a year, the requirement, and where each hour came from. */
export function MyTrainingHoursPage() {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const hours = useMyHours(year);
  return (
    <PageContainer title="我的学时">
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        <Select<number>
          size="large"
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年份"
        />
        {hours.isError ? <QueryError error={hours.error} onRetry={() => void hours.refetch()} /> : null}
        {hours.isPending ? <Skeleton active /> : null}
        {hours.data ? <PersonHoursView hours={hours.data} /> : null}
      </Flex>
    </PageContainer>
  );
}
