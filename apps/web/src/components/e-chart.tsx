import { lazy, Suspense } from 'react';
import type { EChartProps } from './e-chart-canvas';

export type { ChartOption } from './e-chart-canvas';

// ECharts (~160 KB gzipped) is fetched when a chart is first drawn, not with every page that could draw one:
// the 组织部's home page (the overview) draws none.
const Canvas = lazy(async () => ({ default: (await import('./e-chart-canvas')).EChartCanvas }));

/** A bar chart host (see e-chart-canvas.tsx); the space it takes is kept while ECharts loads. */
export function EChart(props: EChartProps) {
  return (
    <Suspense
      fallback={
        <div role="img" aria-label={props.ariaLabel} style={{ width: '100%', height: 320, ...props.style }} />
      }
    >
      <Canvas {...props} />
    </Suspense>
  );
}
