import { DownloadOutlined } from '@ant-design/icons';
import { incentivePostLabels, type TrainingIncentiveRow } from '@dangjian/core';
import { Button, Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { todayIso } from '../../lib/format';
import { incentivesLedgerUrl, useIncentives } from './api';

/** 党务工作激励: each 支部书记 / 委员 / 党小组长's 服务工作量 and the 双带头人书记's 课时减免 of a year, for HR. */
export function TrainingIncentivesPage() {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const list = useIncentives(year);
  return (
    <PageContainer
      title="党务工作激励"
      extra={
        <Button icon={<DownloadOutlined />} href={incentivesLedgerUrl(year)}>
          导出（供人事部门）
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Select<number>
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          style={{ width: 120 }}
        />
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TrainingIncentiveRow>
          rowKey="personId"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items}
          scroll={{ x: true }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '所在单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
            { title: '党内职务', render: (_, r) => r.posts.join('、') },
            { title: '计量职务', render: (_, r) => (r.post ? incentivePostLabels[r.post] : '—') },
            { title: '服务工作量', dataIndex: 'workload', align: 'right' },
            { title: '双带头人', render: (_, r) => (r.isDualLeader ? <Tag color="red">双带头人</Tag> : '—') },
            { title: '课时减免', dataIndex: 'teachingReduction', align: 'right' },
          ]}
        />
      </Flex>
    </PageContainer>
  );
}
