import { Flex, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { todayIso } from '../../lib/format';
import { positiveInt } from '../../lib/list-params';
import { usePersonHours } from './api';
import { PersonHoursView } from './hours-view';

/** One member's 学时 of a year with its sources (opened from the 学时 list or a 待办). */
export function PersonTrainingHoursPage() {
  const personId = positiveInt(useParams().personId ?? null, 0);
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const hours = usePersonHours(personId, year);
  return (
    <PageContainer title={hours.data ? `${hours.data.name}的学时` : '人员学时'}>
      <Flex vertical gap={12} style={{ maxWidth: 760 }}>
        <Select<number>
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年份"
          style={{ width: 120 }}
        />
        {hours.isError ? <QueryError error={hours.error} onRetry={() => void hours.refetch()} /> : null}
        {hours.isPending ? <Skeleton active /> : null}
        {hours.data ? <PersonHoursView hours={hours.data} /> : null}
      </Flex>
    </PageContainer>
  );
}
