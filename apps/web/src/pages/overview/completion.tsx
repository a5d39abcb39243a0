import type { Overview, OverviewCompletion } from '@dangjian/core';
import { Card, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { formatPercent } from '../../lib/format';
import { linkTo } from './api';
import { monthDay } from './figures';

/** Bar colour by rate: green from 90 %, amber from 70 %, red below (dark enough for white text nearby). */
function barColor(rate: number): string {
  return rate >= 0.9 ? '#389e0d' : rate >= 0.7 ? '#d48806' : '#c8161d';
}

/** A horizontal bar drawn with plain boxes: its label never cut, and it prints as it shows. */
function RateBar({ rate }: { rate: number | null }) {
  return (
    <div
      aria-hidden
      style={{
        flex: 1,
        minWidth: 60,
        height: 10,
        background: '#f0f0f0',
        borderRadius: 5,
        overflow: 'hidden',
      }}
    >
      {rate === null ? null : (
        <div
          className="dj-print-color"
          style={{ width: `${Math.round(rate * 100)}%`, height: '100%', background: barColor(rate) }}
        />
      )}
    </div>
  );
}

/**
 * 组织生活完成率 per 党总支 (and the 党委 with its 直属党支部), lowest first: met ÷ due requirements of the year to
 * date, beside last year's on the same day; each rate opens the 合规矩阵 of that 党总支 for the same days.
 */
export function CompletionRates({ data }: { data: Overview }) {
  const columns: TableColumnsType<OverviewCompletion> = [
    { title: '党组织', dataIndex: 'name', key: 'name' },
    {
      title: '完成率',
      key: 'rate',
      width: '42%',
      render: (_, c) => (
        <Flex align="center" gap={8}>
          <RateBar rate={c.rate} />
          <Link
            to={linkTo(c.link)}
            aria-label={`${c.name} 完成率 ${formatPercent(c.rate)}，打开合规矩阵`}
            style={{ minWidth: 52, textAlign: 'right' }}
          >
            {formatPercent(c.rate)}
          </Link>
        </Flex>
      ),
    },
    {
      title: '完成 / 应完成',
      key: 'counts',
      align: 'right',
      responsive: ['sm'],
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, c) => `${c.met} / ${c.required}`,
    },
    {
      title: '去年同期',
      key: 'lastYear',
      align: 'right',
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, c) => formatPercent(c.lastYearRate),
    },
  ];
  return (
    <Card
      size="small"
      title="组织生活完成率（按党总支）"
      extra={
        <Typography.Text type="secondary">
          {data.year}年1月1日至{monthDay(data.asOf)}
        </Typography.Text>
      }
    >
      {data.completion.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度尚无应开展的组织生活" />
      ) : (
        <Table<OverviewCompletion>
          size="small"
          rowKey={(c) => c.superiorId ?? 0}
          columns={columns}
          dataSource={data.completion}
          pagination={false}
        />
      )}
    </Card>
  );
}
