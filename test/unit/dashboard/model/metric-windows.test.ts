// Shaping Flink window rows for the charts and tables.
import type { MetricWindow } from '../../../../dashboard/src/api-types';
import {
  deviceMetricSeries,
  latestWindow,
  numericValue,
  readingMetricsOf,
  rowsPerWindow,
  summarizeWindows,
  topDimensionsOfLatestWindow,
  topPagesOfLatestWindow,
  totalPerWindow,
} from '../../../../dashboard/src/model/metric-windows';

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString();
const row = (dimension: string, minute: number, values: MetricWindow['values'], length = 1): MetricWindow => ({ dimension, windowStart: at(minute), windowEnd: at(minute + length), values });
const t = (minute: number): number => Date.parse(at(minute)) / 1000;

test('page views of every page are summed per window, oldest first', () => {
  const items = [row('/cart', 1, { views: 2 }), row('/', 1, { views: 5 }), row('/', 0, { views: 3 })];
  expect(totalPerWindow(items, 'views')).toEqual([{ t: t(0), v: 3 }, { t: t(1), v: 7 }]);
  expect(rowsPerWindow(items)).toEqual([{ t: t(0), v: 1 }, { t: t(1), v: 2 }]);
});

test('decimal amounts given as strings count as numbers; names do not', () => {
  expect(numericValue(row('c', 0, { amount_total: '12.50' }), 'amount_total')).toBe(12.5);
  expect(numericValue(row('c', 0, { page: '/home' }), 'page')).toBeUndefined();
  expect(numericValue(row('c', 0, {}), 'views')).toBeUndefined();
});

test('top pages are those of the newest window, by rank', () => {
  const items = [
    row('2', 5, { page: '/b', views: 4, rank: 2 }),
    row('1', 5, { page: '/a', views: 9, rank: 1 }),
    row('1', 4, { page: '/old', views: 99, rank: 1 }),
  ];
  expect(topPagesOfLatestWindow(items)).toEqual([{ rank: 1, page: '/a', views: 9 }, { rank: 2, page: '/b', views: 4 }]);
  expect(latestWindow([])).toEqual([]);
});

test('a device metric becomes avg/min/max series; its metrics are found from the _avg columns', () => {
  const items = [row('d1', 2, { readings: 3, temperature_avg: 4, temperature_min: 3, temperature_max: 5, battery_avg: 90 }, 5), row('d1', 1, { temperature_avg: 6, temperature_min: 5, temperature_max: 7 }, 5)];
  expect(deviceMetricSeries(items, 'temperature')).toEqual({
    avg: [{ t: t(1), v: 6 }, { t: t(2), v: 4 }],
    min: [{ t: t(1), v: 5 }, { t: t(2), v: 3 }],
    max: [{ t: t(1), v: 7 }, { t: t(2), v: 5 }],
  });
  expect(readingMetricsOf(items)).toEqual(['battery', 'temperature']);
});

test('busiest dimensions of the newest window, ties by name', () => {
  const items = [row('c2', 3, { transactions: 5 }), row('c1', 3, { transactions: 5 }), row('c3', 3, { transactions: 9 }), row('c9', 2, { transactions: 50 })];
  expect(topDimensionsOfLatestWindow(items, 'transactions', 2)).toEqual([{ dimension: 'c3', total: 9 }, { dimension: 'c1', total: 5 }]);
});

test('a summary counts windows and rows and names the newest window', () => {
  expect(summarizeWindows([row('a', 1, {}), row('b', 1, {}), row('a', 0, {})])).toEqual({ windows: 2, rows: 3, latestStart: at(1), latestEnd: at(2) });
  expect(summarizeWindows([])).toEqual({ windows: 0, rows: 0 });
});
