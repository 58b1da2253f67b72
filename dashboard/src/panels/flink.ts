// Panel 5: what the Flink job wrote per window for each metric, and how fresh its newest window is.
import type { MetricWindow, MetricWindowsResponse } from '../api-types';
import { formatAge, formatCount, formatDuration, formatWindow } from '../model/format';
import { rowsPerWindow, summarizeWindows } from '../model/metric-windows';
import { describeFailure, failureOutcome } from '../model/panel-state';
import { alignSeries } from '../model/series';
import { createChart } from '../view/chart';
import { element, replaceChildren } from '../view/dom';
import { dataTable } from '../view/table';
import { FLINK_NOT_PRODUCING, metricsPath, type PanelDefinition } from './panel';

const METRICS = [
  { name: 'page_views', window: '1-min tumbling' },
  { name: 'active_sessions', window: '5-min tumbling' },
  { name: 'top_pages', window: '1-min tumbling, top 5' },
  { name: 'device_readings', window: '5-min sliding by 1 min' },
  { name: 'card_activity', window: '10-min sliding by 1 min' },
  { name: 'small_then_large', window: 'pattern match' },
] as const;

type MetricAnswer = { name: string; window: string; items: MetricWindow[] } | { name: string; window: string; failure: unknown };

const windowLength = (items: readonly MetricWindow[]): string => {
  const first = items[0];
  return first ? formatDuration(Date.parse(first.windowEnd) - Date.parse(first.windowStart)) : '–';
};

export const flinkPanel: PanelDefinition = {
  name: 'flink',
  title: 'Flink window metrics',
  explanation:
    'Result rows the Flink SQL job wrote per window (x axis: window start; the table gives start–end). A window is written once the watermark passes its end, so the newest lags real time by the window plus the allowed lateness.',
  mount(body) {
    const chart = createChart();
    const table = element('div');
    body.append(chart.element, table);

    return async ({ api, nowMs }) => {
      const answers: MetricAnswer[] = await Promise.all(
        METRICS.map(({ name, window }) =>
          api.get<MetricWindowsResponse>(metricsPath(name)).then(
            (answer): MetricAnswer => ({ name, window, items: answer.items }),
            (failure: unknown): MetricAnswer => ({ name, window, failure }),
          ),
        ),
      );
      const read = answers.filter((answer): answer is Extract<MetricAnswer, { items: MetricWindow[] }> => 'items' in answer);
      chart.update(
        { title: 'Result rows per window (last hour)', series: read.map((answer) => ({ label: answer.name })), formatValue: formatCount, height: 200, xLabel: 'window start' },
        alignSeries(read.map((answer) => rowsPerWindow(answer.items))),
      );
      replaceChildren(table, [
        dataTable<MetricAnswer>(
          [
            { header: 'Metric', cell: (answer) => element('code', { text: answer.name }) },
            { header: 'Window', cell: (answer) => ('items' in answer && answer.items.length > 0 ? `${answer.window} (${windowLength(answer.items)})` : answer.window) },
            { header: 'Windows', cell: (answer) => ('items' in answer ? formatCount(summarizeWindows(answer.items).windows) : '–'), className: 'number' },
            {
              header: 'Latest window (start–end)',
              cell: (answer) => {
                if (!('items' in answer)) return element('span', { className: 'error-text', text: describeFailure(answer.failure) });
                const summary = summarizeWindows(answer.items);
                return summary.latestStart && summary.latestEnd ? `${formatWindow(summary.latestStart, summary.latestEnd)}, ended ${formatAge(summary.latestEnd, nowMs)}` : 'none yet';
              },
            },
          ],
          answers,
          { empty: FLINK_NOT_PRODUCING },
        ),
      ]);
      const firstFailure = answers.find((answer): answer is Extract<MetricAnswer, { failure: unknown }> => 'failure' in answer);
      if (read.length === 0 && firstFailure) return failureOutcome(firstFailure.failure);
      return read.some((answer) => answer.items.length > 0) ? { state: 'live' } : { state: 'empty', message: FLINK_NOT_PRODUCING };
    };
  },
};
