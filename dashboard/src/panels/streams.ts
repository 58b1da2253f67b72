// Panel 1: per stream, ingest rate, consumer lag and the per-shard ingest view that makes a hot shard visible.
import type { StreamMetrics, StreamsResponse } from '../api-types';
import { formatDuration, formatNumber, formatPercent, formatRate } from '../model/format';
import { HOT_SHARD_FACTOR, shardLoads, shortShardName, type ShardLoad } from '../model/hot-shards';
import { failureOutcome } from '../model/panel-state';
import { alignSeries, hasData, latestValue } from '../model/series';
import { requestedWindow, type TimeRange } from '../model/time-axis';
import { HOT_COLOR, PALETTE, createChart, type Chart } from '../view/chart';
import { element, replaceChildren } from '../view/dom';
import { chip, dataTable } from '../view/table';
import type { PanelDefinition } from './panel';

interface StreamView {
  root: HTMLElement;
  heading: HTMLElement;
  ingest: Chart;
  lag: Chart;
  shards: Chart;
  shardTable: HTMLElement;
}

/** The window asked of CloudWatch; the charts span exactly it. */
const WINDOW_MINUTES = 15;

const DOMAIN_TITLES: Record<string, string> = { clickstream: 'Clickstream', iot: 'IoT telemetry', payments: 'Payments' };

function createStreamView(): StreamView {
  const heading = element('div', { className: 'stream-heading' });
  const ingest = createChart();
  const lag = createChart();
  const shards = createChart();
  const shardTable = element('div', { className: 'shard-table' });
  const root = element('article', { className: 'stream' }, [
    heading,
    element('div', { className: 'stream-charts' }, [ingest.element, lag.element, element('div', { className: 'shard-view' }, [shards.element, shardTable])]),
  ]);
  return { root, heading, ingest, lag, shards, shardTable };
}

function drawHeading(view: StreamView, stream: StreamMetrics): void {
  const rate = latestValue(stream.incomingRecords);
  const lag = latestValue(stream.consumer.iteratorAgeMs);
  replaceChildren(view.heading, [
    element('h3', { text: DOMAIN_TITLES[stream.domain] ?? stream.domain }),
    element('code', { text: stream.streamName, title: `consumer: ${stream.consumer.functionName}` }),
    element('span', { className: 'stat', text: `now ${rate === undefined ? '–' : formatRate(rate)}` }),
    element('span', { className: 'stat', text: `lag ${lag === undefined ? '–' : formatDuration(lag)}` }),
  ]);
}

function drawShards(view: StreamView, stream: StreamMetrics, xRange: TimeRange | undefined): void {
  const loads = shardLoads(stream.shards);
  view.shards.update(
    {
      title: 'Per shard (records/s)',
      series: loads.map((load, index) => ({ label: shortShardName(load.shardId), color: load.hot ? HOT_COLOR : PALETTE[index % PALETTE.length], emphasis: load.hot })),
      formatValue: formatNumber,
      height: 150,
      xRange,
    },
    alignSeries(stream.shards.map((shard) => shard.incomingRecords)),
  );
  const hot = loads.filter((load) => load.hot);
  replaceChildren(view.shardTable, [
    hot.length > 0
      ? element('p', { className: 'hot-warning', text: `Hot shard: ${hot.map((load) => shortShardName(load.shardId)).join(', ')} takes more than ${HOT_SHARD_FACTOR}× the mean; its partition keys are skewed.` })
      : null,
    dataTable<ShardLoad>(
      [
        { header: 'Shard', cell: (load) => element('span', { text: shortShardName(load.shardId), title: load.shardId }) },
        { header: 'Avg records/s', cell: (load) => formatNumber(load.recordsPerSecond), className: 'number' },
        { header: 'Share', cell: (load) => formatPercent(load.share), className: 'number' },
        { header: '', cell: (load) => (load.hot ? chip('hot', 'danger') : '') },
      ],
      loads,
      { empty: 'No shards listed', rowClass: (load) => (load.hot ? 'hot' : undefined) },
    ),
  ]);
}

function drawStream(view: StreamView, stream: StreamMetrics, xRange: TimeRange | undefined): void {
  drawHeading(view, stream);
  view.ingest.update({ title: 'Ingest rate (records/s)', series: [{ label: 'records/s' }], formatValue: formatNumber, xRange }, alignSeries([stream.incomingRecords]));
  view.lag.update(
    // Up to a second at least: a healthy consumer's few milliseconds should look like the near-zero they are.
    { title: 'Consumer lag (iterator age)', series: [{ label: 'max iterator age', color: PALETTE[1] }], formatValue: formatDuration, xRange, yMinMax: 1_000 },
    alignSeries([stream.consumer.iteratorAgeMs]),
  );
  drawShards(view, stream, xRange);
}

export const streamsPanel: PanelDefinition = {
  name: 'streams',
  title: 'Streams',
  explanation:
    'Records per second into each Kinesis stream, how far behind its Lambda consumer is (iterator age), and the load per shard: a shard above 2× the mean is hot. Source: CloudWatch, last 15 minutes, 1-minute periods.',
  wide: true,
  mount(body) {
    const views = new Map<string, StreamView>();
    const list = element('div', { className: 'streams' });
    body.append(list);
    return async ({ api }) => {
      let response: StreamsResponse;
      try {
        response = await api.get<StreamsResponse>(`/dashboard/streams?minutes=${WINDOW_MINUTES}`);
      } catch (error) {
        return failureOutcome(error);
      }
      const xRange = requestedWindow(response.generatedAt, WINDOW_MINUTES);
      for (const stream of response.streams) {
        let view = views.get(stream.streamName);
        if (!view) {
          view = createStreamView();
          views.set(stream.streamName, view);
          list.append(view.root);
        }
        drawStream(view, stream, xRange);
      }
      if (response.streams.length === 0) return { state: 'empty', message: 'The stack has no streams to show.' };
      const flowing = response.streams.some((stream) => hasData([stream.incomingRecords]));
      return flowing
        ? { state: 'live' }
        : { state: 'empty', message: `No records in the last ${WINDOW_MINUTES} minutes: start a simulator (npm run simulate, simulate:iot, simulate:payments).` };
    };
  },
};
