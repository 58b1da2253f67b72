// Panel 4: the newest fraud alerts with score and reasons, plus the Flink job's card activity and pattern matches.
import type { AlertsResponse, MetricWindow, MetricWindowsResponse } from '../api-types';
import { formatAge, formatCount, formatNumber } from '../model/format';
import { numericValue, totalPerWindow } from '../model/metric-windows';
import { describeFailure, failureOutcome } from '../model/panel-state';
import { alignSeries } from '../model/series';
import { PALETTE, createChart } from '../view/chart';
import { element, note, replaceChildren } from '../view/dom';
import { dataTable } from '../view/table';
import { alertsTable } from './iot';
import { FLINK_NOT_PRODUCING, metricsPath, type PanelDefinition, type RefreshContext } from './panel';

const MATCHES_SHOWN = 5;

async function windowMetrics(context: RefreshContext): Promise<{ activity: MetricWindowsResponse; matches: MetricWindowsResponse } | { failure: string }> {
  try {
    const [activity, matches] = await Promise.all([
      context.api.get<MetricWindowsResponse>(metricsPath('card_activity')),
      context.api.get<MetricWindowsResponse>(metricsPath('small_then_large')),
    ]);
    return { activity, matches };
  } catch (error) {
    return { failure: describeFailure(error) };
  }
}

export const fraudPanel: PanelDefinition = {
  name: 'fraud',
  title: 'Fraud',
  explanation:
    'Transactions the scorer flagged, with the score (0–100) and the rules behind it; below, card activity per 10-minute window and small-then-large patterns found by the Flink job.',
  mount(body) {
    const alertsBox = element('div');
    const activity = createChart();
    const flinkBox = element('div');
    const matchesBox = element('div');
    body.append(alertsBox, element('div', { className: 'chart-pair' }, [activity.element, matchesBox]), flinkBox);

    return async (context) => {
      let alerts: AlertsResponse;
      try {
        alerts = await context.api.get<AlertsResponse>('/alerts?domain=payments&limit=20');
      } catch (error) {
        return failureOutcome(error);
      }
      replaceChildren(alertsBox, [alertsTable(alerts.alerts.slice(0, 8), context.nowMs, { empty: 'No fraud alerts yet: run npm run simulate:payments.', withScore: true })]);

      const metrics = await windowMetrics(context);
      if ('failure' in metrics) {
        replaceChildren(flinkBox, [note(metrics.failure)]);
        replaceChildren(matchesBox, []);
      } else {
        activity.update(
          { title: 'Card transactions (10-min windows, all cards)', series: [{ label: 'transactions', color: PALETTE[3] }], formatValue: formatCount, xLabel: 'window start' },
          alignSeries([totalPerWindow(metrics.activity.items, 'transactions')]),
        );
        replaceChildren(matchesBox, [
          element('h3', { text: 'Small-then-large matches' }),
          dataTable<MetricWindow>(
            [
              { header: 'When', cell: (match) => formatAge(match.windowEnd, context.nowMs), className: 'nowrap' },
              { header: 'Card', cell: (match) => element('code', { text: match.dimension }) },
              { header: 'Small', cell: (match) => `${formatCount(numericValue(match, 'small_count') ?? 0)} × (${formatNumber(numericValue(match, 'small_total') ?? 0)})`, className: 'number' },
              { header: 'Then', cell: (match) => formatNumber(numericValue(match, 'large_amount') ?? Number.NaN), className: 'number' },
            ],
            [...metrics.matches.items].sort((a, b) => b.windowEnd.localeCompare(a.windowEnd)).slice(0, MATCHES_SHOWN),
            { empty: 'No small-then-large pattern in the last hour.' },
          ),
        ]);
        replaceChildren(flinkBox, [metrics.activity.items.length === 0 ? note(FLINK_NOT_PRODUCING) : null]);
      }
      const live = alerts.alerts.length > 0 || ('activity' in metrics && metrics.activity.items.length > 0);
      return live ? { state: 'live' } : { state: 'empty', message: 'No fraud alerts or card activity yet: run npm run simulate:payments.' };
    };
  },
};
