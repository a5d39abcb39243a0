import type { Dashboard } from '@dangjian/core';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../components/e-chart';

interface AlertsByRuleChartProps {
  data: Dashboard['alertsByRule'];
  onRuleClick: (ruleId: string) => void;
}

/** Horizontal bar chart of open findings per rule; clicking a bar opens the filtered alert list. */
export function AlertsByRuleChart({ data, onRuleClick }: AlertsByRuleChartProps) {
  const rows = useMemo(() => [...data].filter((r) => r.count > 0).sort((a, b) => a.count - b.count), [data]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.title),
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: '预警数',
          data: rows.map((r) => r.count),
          itemStyle: { color: '#c8161d' },
          label: { show: true, position: 'right' },
          barMaxWidth: 24,
          cursor: 'pointer',
        },
      ],
    }),
    [rows],
  );

  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有预警" />;
  return (
    <EChart
      option={option}
      ariaLabel="各规则预警数量"
      style={{ height: Math.max(200, rows.length * 36 + 40) }}
      onItemClick={(params) => {
        const row = rows[params.dataIndex];
        if (row) onRuleClick(row.ruleId);
      }}
    />
  );
}
