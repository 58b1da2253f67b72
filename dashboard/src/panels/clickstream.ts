// Panel 2: the Flink job's clickstream windows: active sessions, page views per minute and the latest top pages.
import type { MetricWindowsResponse } from '../api-types';
import { formatCount, formatWindow } from '../model/format';
import { latestWindow, topPagesOfLatestWindow, totalPerWindow, type TopPage } from '../model/metric-windows';
import { failureOutcome } from '../model/panel-state';
import { alignSeries, hasData } from '../model/series';
import { PALETTE, createChart } from '../view/chart';
import { element, replaceChildren } from '../view/dom';
import { dataTable } from '../view/table';
import { FLINK_NOT_PRODUCING, metricsPath, type PanelDefinition } from './panel';

export const clickstreamPanel: PanelDefinition = {
  name: 'clickstream',
  title: 'Clickstream',
  explanation:
    'Distinct sessions per 5-minute window, page views per minute and the five most viewed pages of the latest minute, as the Flink job computes them from the clickstream.',
  mount(body) {
    const sessions = createChart();
    const views = createChart();
    const topPages = element('div', { className: 'top-pages' });
    body.append(element('div', { className: 'chart-pair' }, [sessions.element, views.element]), topPages);

    return async ({ api }) => {
      let answers: [MetricWindowsResponse, MetricWindowsResponse, MetricWindowsResponse];
      try {
        answers = await Promise.all([
          api.get<MetricWindowsResponse>(metricsPath('active_sessions', 'all')),
          api.get<MetricWindowsResponse>(metricsPath('page_views')),
          api.get<MetricWindowsResponse>(metricsPath('top_pages')),
        ]);
      } catch (error) {
        return failureOutcome(error);
      }
      const [sessionWindows, viewWindows, topWindows] = answers;
      const sessionPoints = totalPerWindow(sessionWindows.items, 'sessions');
      const viewPoints = totalPerWindow(viewWindows.items, 'views');
      sessions.update({ title: 'Active sessions (5-min windows)', series: [{ label: 'sessions' }], formatValue: formatCount, bars: true, xLabel: 'window start' }, alignSeries([sessionPoints]));
      views.update({ title: 'Page views per minute', series: [{ label: 'page views', color: PALETTE[2] }], formatValue: formatCount, xLabel: 'window start' }, alignSeries([viewPoints]));

      const latest = latestWindow(topWindows.items)[0];
      replaceChildren(topPages, [
        element('h3', { text: latest ? `Top pages, window ${formatWindow(latest.windowStart, latest.windowEnd)}` : 'Top pages' }),
        dataTable<TopPage>(
          [
            { header: '#', cell: (row) => String(row.rank), className: 'number narrow' },
            { header: 'Page', cell: (row) => element('code', { text: row.page }) },
            { header: 'Views', cell: (row) => formatCount(row.views), className: 'number' },
          ],
          topPagesOfLatestWindow(topWindows.items),
          { empty: FLINK_NOT_PRODUCING },
        ),
      ]);
      const live = hasData([sessionPoints, viewPoints]) || topWindows.items.length > 0;
      return live ? { state: 'live' } : { state: 'empty', message: FLINK_NOT_PRODUCING };
    };
  },
};
