// uPlot line/bar charts that keep their canvas across refreshes and follow their container's width.
import uPlot from 'uplot';
import type { AlignedColumns } from '../model/series';
import { formatClock } from '../model/format';
import { drawableRange, formatTickTime, minuteTicks, type TimeRange } from '../model/time-axis';
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
  /** The time window to show whatever the data covers (e.g. the minutes the API was asked for); else the data's span. */
  xRange?: TimeRange;
  /** The y axis reaches at least this far, so an idle chart reads "0 ms … 1 s" rather than "0 ms, 0 ms, 1 ms". */
  yMinMax?: number;
}

export interface Chart {
  element: HTMLElement;
  update(spec: ChartSpec, data: AlignedColumns): void;
}

/** Room one "HH:MM" label needs, so ticks never crowd. */
const PIXELS_PER_TIME_TICK = 70;

/** uPlot keeps the options it was created with; scales read the newest spec through this, so setData follows it. */
type CurrentSpec = () => ChartSpec;

function xScaleRange(current: CurrentSpec, dataMin: number, dataMax: number): uPlot.Range.MinMax {
  const range = current().xRange ?? drawableRange(dataMin, dataMax);
  return [range.from, range.to];
}

function yScaleRange(current: CurrentSpec, min: number, max: number): uPlot.Range.MinMax {
  const floor = current().yMinMax ?? 1;
  return [Math.min(0, min), Math.max(max > 0 ? max * 1.1 : 0, floor)];
}

function options(spec: ChartSpec, width: number, current: CurrentSpec): uPlot.Options {
  const bars = spec.bars ? uPlot.paths.bars?.({ size: [0.7, 40] }) : undefined;
  return {
    width,
    height: spec.height ?? 180,
    // One series: the caption names it, so a legend would only repeat it.
    legend: { show: spec.series.length > 1, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: (_u, min, max) => xScaleRange(current, min, max) }, y: { range: (_u, min, max) => yScaleRange(current, min, max) } },
    axes: [
      {
        stroke: '#64748b',
        grid: { stroke: '#eef2f7' },
        ticks: { stroke: '#e2e8f0' },
        splits: (u, _axis, min, max) => minuteTicks({ from: min, to: max }, u.bbox.width / uPlot.pxRatio / PIXELS_PER_TIME_TICK),
        values: (_u, ticks) => ticks.map((tick) => formatTickTime(tick)),
        label: spec.xLabel, labelSize: spec.xLabel ? 18 : 0,
        font: '11px system-ui, sans-serif',
        labelFont: '11px system-ui, sans-serif',
      },
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
  let currentSpec: ChartSpec | undefined;
  const width = (): number => Math.max(240, Math.floor(host.getBoundingClientRect().width || 320));

  new ResizeObserver(() => {
    if (plot && Math.abs(plot.width - width()) > 1) plot.setSize({ width: width(), height: plot.height });
  }).observe(host);

  return {
    element: container,
    update(spec, data) {
      const caption = container.querySelector('figcaption');
      if (caption) caption.textContent = spec.title;
      currentSpec = spec;
      const key = shapeKey(spec);
      if (plot && key === plotKey) {
        plot.setData(data);
        return;
      }
      plot?.destroy();
      plot = new uPlot(options(spec, width(), () => currentSpec ?? spec), data, host);
      plotKey = key;
    },
  };
}
