import type { RecruitmentPipeline } from '@dangjian/core';
import { Empty } from 'antd';
import { FunnelChart, type FunnelSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

// The shared EChart host registers bar charts only; the funnel is registered here so that only this page
// (a lazy chunk) pays for it.
echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

type FunnelOption = echarts.ComposeOption<FunnelSeriesOption | TooltipComponentOption>;

const funnelColors = ['#c8161d', '#d4380d', '#d48806', '#389e0d', '#0958d9'];

/** The year's funnel (申请 → 积极分子 → 发展对象 → 预备党员 → 转正) as an ECharts funnel, widest first. */
export function RecruitmentFunnelChart({ funnel }: { funnel: RecruitmentPipeline['funnel'] }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const total = funnel.steps.reduce((sum, s) => sum + s.count, 0);
  const option = useMemo<FunnelOption>(() => {
    const max = Math.max(1, ...funnel.steps.map((s) => s.count));
    return {
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
      series: [
        {
          type: 'funnel',
          name: `${funnel.year}年`,
          left: '10%',
          width: '80%',
          top: 8,
          bottom: 8,
          min: 0,
          max,
          minSize: '36%',
          // Keep the milestones in procedure order even when a later one outnumbers an earlier one.
          sort: 'none',
          gap: 2,
          label: { show: true, position: 'inside', formatter: '{b}  {c}', color: '#fff' },
          data: funnel.steps.map((s, i) => ({
            name: s.label,
            value: s.count,
            itemStyle: { color: funnelColors[i % funnelColors.length] },
          })),
        },
      ],
    };
  }, [funnel]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <>
      {total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${funnel.year}年尚无发展党员记录`} />
      ) : null}
      <div
        ref={hostRef}
        role="img"
        aria-label={`${funnel.year}年发展党员漏斗：${funnel.steps.map((s) => `${s.label}${s.count}人`).join('，')}`}
        style={{ width: '100%', height: 300, display: total === 0 ? 'none' : 'block' }}
      />
    </>
  );
}
