import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// Only what the app draws, to keep the bundle small: bar charts on a grid with tooltips.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The ECharts options the registered components can render. */
export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption
>;

export interface EChartProps {
  option: ChartOption;
  style?: CSSProperties;
  /** Called when a data item (a bar) is clicked. */
  onItemClick?: (params: echarts.ECElementEvent) => void;
  ariaLabel?: string;
}

/** A small ECharts host: initialises on mount, follows its container's size, disposes on unmount. */
export function EChartCanvas({ option, style, onItemClick, ariaLabel }: EChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);

  useEffect(() => {
    clickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => clickRef.current?.(params));
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
    <div ref={hostRef} role="img" aria-label={ariaLabel} style={{ width: '100%', height: 320, ...style }} />
  );
}
