import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption>;

/**
 * An ECharts chart (SVG) that reads as one image with a text description: the description says
 * every figure the chart draws, so nothing is shown to sighted readers alone.
 */
export function EChart({ option, description, height = 240, name }: { option: ChartOption; description: string; height?: number; name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const serialised = JSON.stringify(option);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, ...(JSON.parse(serialised) as ChartOption) });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [serialised]);
  return <div ref={ref} role="img" aria-label={description} data-chart={name} style={{ height, width: '100%' }} />;
}
