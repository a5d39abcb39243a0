import type { Dashboard } from '@dangjian/core';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../components/e-chart';

interface RatesChartProps {
  data: Dashboard['complianceRates'];
  onClick: (superiorId: number | null) => void;
}

/** Organisational-life completion this year per 党总支 (met ÷ due requirements), as horizontal bars. */
export function ComplianceRatesChart({ data, onClick }: RatesChartProps) {
  const rows = useMemo(
    () => data.filter((r) => r.rate !== null).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0)),
    [data],
  );
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const p = Array.isArray(params) ? params[0] : params;
          const r = p ? rows[p.dataIndex] : undefined;
          return r
            ? `${r.superiorName ?? '党委本级'}<br/>完成 ${r.met} / 应完成 ${r.required}（${r.orgCount} 个党组织）`
            : '';
        },
      },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.superiorName ?? '党委本级'),
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: '完成率',
          data: rows.map((r) => ({
            value: Math.round((r.rate ?? 0) * 1000) / 10,
            itemStyle: {
              color: (r.rate ?? 0) >= 0.9 ? '#389e0d' : (r.rate ?? 0) >= 0.7 ? '#d48806' : '#c8161d',
            },
          })),
          label: { show: true, position: 'right', formatter: '{c}%' },
          barMaxWidth: 24,
          cursor: 'pointer',
        },
      ],
    }),
    [rows],
  );
  if (rows.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度尚无应开展的组织生活" />;
  return (
    <EChart
      option={option}
      ariaLabel="各党总支组织生活完成率"
      style={{ height: Math.max(200, rows.length * 36 + 40) }}
      onItemClick={(params) => {
        const row = rows[params.dataIndex];
        if (row) onClick(row.superiorId);
      }}
    />
  );
}
