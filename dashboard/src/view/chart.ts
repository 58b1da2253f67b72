// uPlot line/bar charts that keep their canvas across refreshes and follow their container's width.
import uPlot from 'uplot';
import type { AlignedColumns } from '../model/series';
import { formatClock } from '../model/format';
import { element } from './dom';

export const PALETTE = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0d9488', '#db2777', '#ca8a04', '#475569'];
export const HOT_COLOR = '#dc2626';

export interface SeriesSpec {
  label: string;
  color?: string;
  /** Thicker line, e.g. a hot shard. */
  emphasis?: boolean;
  dash?: number[];
}

export interface ChartSpec {
  title: string;
  series: readonly SeriesSpec[];
  formatValue: (value: number) => string;
  height?: number;
  bars?: boolean;
  /** Label of the x axis; time of day is shown either way. */
  xLabel?: string;
}

export interface Chart {
  element: HTMLElement;
  update(spec: ChartSpec, data: AlignedColumns): void;
}

const timeOf = (seconds: number): string => formatClock(new Date(seconds * 1000).toISOString()).slice(0, 5);

function options(spec: ChartSpec, width: number): uPlot.Options {
  const bars = spec.bars ? uPlot.paths.bars?.({ size: [0.7, 40] }) : undefined;
  return {
    width,
    height: spec.height ?? 180,
    // One series: the caption names it, so a legend would only repeat it.
    legend: { show: spec.series.length > 1, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [
      { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' }, values: (_u, ticks) => ticks.map(timeOf), label: spec.xLabel, labelSize: spec.xLabel ? 18 : 0, font: '11px system-ui, sans-serif', labelFont: '11px system-ui, sans-serif' },
      { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' }, size: 56, values: (_u, ticks) => ticks.map(spec.formatValue), font: '11px system-ui, sans-serif' },
    ],
    series: [
      { label: 'time', value: (_u, seconds) => (seconds === null ? '–' : formatClock(new Date(seconds * 1000).toISOString())) },
      ...spec.series.map((series, index): uPlot.Series => {
        const color = series.color ?? PALETTE[index % PALETTE.length] ?? '#2563eb';
        return {
          label: series.label,
          stroke: color,
          width: series.emphasis ? 2.5 : 1.5,
          dash: series.dash,
          fill: bars || spec.series.length === 1 ? `${color}33` : undefined,
          paths: bars,
          points: { size: 4 },
          spanGaps: false,
          value: (_u, value) => (value === null ? '–' : spec.formatValue(value)),
        };
      }),
    ],
  };
}

/** Same series → setData keeps the canvas (no flicker); other series → a new plot. */
const shapeKey = (spec: ChartSpec): string => JSON.stringify([spec.series, spec.bars, spec.height]);

export function createChart(): Chart {
  const host = element('div', { className: 'chart-host' });
  const container = element('figure', { className: 'chart' }, [element('figcaption', {}), host]);
  let plot: uPlot | undefined;
  let plotKey = '';
  const width = (): number => Math.max(240, Math.floor(host.getBoundingClientRect().width || 320));

  new ResizeObserver(() => {
    if (plot && Math.abs(plot.width - width()) > 1) plot.setSize({ width: width(), height: plot.height });
  }).observe(host);

  return {
    element: container,
    update(spec, data) {
      const caption = container.querySelector('figcaption');
      if (caption) caption.textContent = spec.title;
      const key = shapeKey(spec);
      if (plot && key === plotKey) {
        plot.setData(data);
        return;
      }
      plot?.destroy();
      plot = new uPlot(options(spec, width()), data, host);
      plotKey = key;
    },
  };
}
