/**
 * The sizing charts. This module (and ECharts with it) is loaded with React.lazy only when a sizing
 * is shown, so the main bundle stays small. Only the chart types and components used are registered.
 */
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { SweepPoint } from '../../api/types';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, DataZoomComponent, CanvasRenderer]);

export interface SizingChartsProps {
  /** One label per interval, e.g. "lun. 08:30". */
  labels: string[];
  calls: number[];
  agents: number[];
  sweep: SweepPoint[];
  /** 0–1 */
  serviceLevelTarget: number;
  peakAgents: number;
  peakLabel: string;
}

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export default function SizingCharts(props: SizingChartsProps) {
  const { t } = useTranslation();
  const animation = !reducedMotion();
  const intervals = {
    animation,
    tooltip: { trigger: 'axis' },
    legend: { data: [t('projects.sizing.callsSeries'), t('projects.sizing.agentsSeries')] },
    grid: { left: 48, right: 48, top: 40, bottom: 64 },
    dataZoom: [{ type: 'slider', height: 18, bottom: 8 }, { type: 'inside' }],
    xAxis: { type: 'category', data: props.labels },
    yAxis: [
      { type: 'value', name: t('projects.sizing.callsSeries') },
      { type: 'value', name: t('projects.sizing.agentsSeries'), minInterval: 1 },
    ],
    series: [
      { name: t('projects.sizing.callsSeries'), type: 'bar', data: props.calls.map((c) => Math.round(c * 10) / 10), itemStyle: { color: '#74c0fc' } },
      { name: t('projects.sizing.agentsSeries'), type: 'line', step: 'middle', yAxisIndex: 1, data: props.agents, showSymbol: false, itemStyle: { color: '#d9480f' } },
    ],
  };
  const sweep = {
    animation,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} %` },
    grid: { left: 56, right: 24, top: 32, bottom: 40 },
    xAxis: { type: 'category', name: t('projects.sizing.agentsSeries'), nameLocation: 'middle', nameGap: 28, data: props.sweep.map((p) => p.agents) },
    yAxis: { type: 'value', name: t('projects.sizing.serviceLevel'), min: 0, max: 100 },
    series: [
      {
        name: t('projects.sizing.serviceLevel'),
        type: 'line',
        data: props.sweep.map((p) => ({
          value: Math.round(p.serviceLevel * 1000) / 10,
          itemStyle: { color: p.meetsTargets ? '#2b8a3e' : '#c92a2a' },
          symbolSize: p.agents === props.peakAgents ? 12 : 6,
        })),
        lineStyle: { color: '#495057' },
        markLine: {
          symbol: 'none',
          label: { position: 'insideEndTop', formatter: t('projects.sizing.targetLine', { percent: Math.round(props.serviceLevelTarget * 1000) / 10 }) },
          data: [{ yAxis: Math.round(props.serviceLevelTarget * 1000) / 10 }],
          lineStyle: { type: 'dashed', color: '#1971c2' },
        },
      },
    ],
  };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="sizing-charts">
      <Paper withBorder p="md" component="figure" m={0}>
        <Text component="figcaption" fw={600} mb="xs">
          {t('projects.sizing.intervalsChart')}
        </Text>
        <ReactEChartsCore echarts={echarts} option={intervals} notMerge style={{ height: 320 }} />
      </Paper>
      <Paper withBorder p="md" component="figure" m={0}>
        <Text component="figcaption" fw={600} mb="xs">
          {t('projects.sizing.sweepChart', { interval: props.peakLabel })}
        </Text>
        <ReactEChartsCore echarts={echarts} option={sweep} notMerge style={{ height: 320 }} />
      </Paper>
    </SimpleGrid>
  );
}
