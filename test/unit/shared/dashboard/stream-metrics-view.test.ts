// Unit tests: the streams panel built from shard lists and CloudWatch series (queries asked, shapes answered, closed shards).
import { createStreamMetricsReader } from '../../../../shared/dashboard/stream-metrics-view';
import type { DashboardStream, MetricDatapoint, MetricQuery, MetricRange } from '../../../../shared/dashboard/stream-metrics-ports';

const NOW = new Date('2026-11-26T10:07:30.000Z');
const MINUTE = new Date('2026-11-26T10:06:00.000Z');
const T = MINUTE.getTime() / 1000;

const streams: DashboardStream[] = [
  { domain: 'clickstream', streamName: 'app-clickstream', consumerFunctionName: 'app-clickstreamConsume' },
  { domain: 'iot', streamName: 'app-iot', consumerFunctionName: 'app-iotConsume' },
];

function fakeMetrics(values: Record<string, number>) {
  const calls: Array<{ queries: readonly MetricQuery[]; range: MetricRange }> = [];
  return {
    calls,
    getMetricData(queries: readonly MetricQuery[], range: MetricRange) {
      calls.push({ queries, range });
      return Promise.resolve(
        new Map<string, MetricDatapoint[]>(
          queries.map((query) => [query.id, query.id in values ? [{ timestamp: MINUTE, value: values[query.id]! }] : []]),
        ),
      );
    },
  };
}

const shards = {
  listShards(streamName: string) {
    return Promise.resolve(
      streamName === 'app-clickstream'
      ? [
          { shardId: 'shardId-000000000001', closed: false },
          { shardId: 'shardId-000000000000', closed: true },
          { shardId: 'shardId-000000000002', closed: true },
        ]
        : [{ shardId: 'shardId-000000000000', closed: false }],
    );
  },
};

it('answers per stream: rates per second, the consumer iterator age, and per-shard rates', async () => {
  const metrics = fakeMetrics({ s0_records: 600, s0_bytes: 60_000, s0_age: 2500, s0_shard0: 120, s0_shard1: 480, s1_records: 60 });
  const read = createStreamMetricsReader({ streams, shards, metrics, clock: () => NOW });

  const view = await read({ minutes: 15 });

  expect(view).toEqual({
    generatedAt: NOW.toISOString(),
    periodSeconds: 60,
    streams: [
      {
        domain: 'clickstream',
        streamName: 'app-clickstream',
        incomingRecords: [{ t: T, v: 10 }],
        incomingBytes: [{ t: T, v: 1000 }],
        consumer: { functionName: 'app-clickstreamConsume', iteratorAgeMs: [{ t: T, v: 2500 }] },
        // The closed shard with data stays (a reshard just happened); the closed one without is dropped.
        shards: [
          { shardId: 'shardId-000000000000', incomingRecords: [{ t: T, v: 8 }] },
          { shardId: 'shardId-000000000001', incomingRecords: [{ t: T, v: 2 }] },
        ],
      },
      {
        domain: 'iot',
        streamName: 'app-iot',
        incomingRecords: [{ t: T, v: 1 }],
        incomingBytes: [],
        consumer: { functionName: 'app-iotConsume', iteratorAgeMs: [] },
        shards: [{ shardId: 'shardId-000000000000', incomingRecords: [] }],
      },
    ],
  });
});

it('asks CloudWatch for what AWS publishes, in one request over the aligned range', async () => {
  const metrics = fakeMetrics({});
  await createStreamMetricsReader({ streams: streams.slice(1), shards, metrics, clock: () => NOW })({ minutes: 15 });

  expect(metrics.calls).toHaveLength(1);
  expect(metrics.calls[0]?.range).toEqual({ start: new Date('2026-11-26T09:52:00.000Z'), end: new Date('2026-11-26T10:08:00.000Z'), periodSeconds: 60 });
  expect(metrics.calls[0]?.queries).toEqual([
    { id: 's0_records', namespace: 'AWS/Kinesis', metricName: 'IncomingRecords', dimensions: { StreamName: 'app-iot' }, stat: 'Sum' },
    { id: 's0_bytes', namespace: 'AWS/Kinesis', metricName: 'IncomingBytes', dimensions: { StreamName: 'app-iot' }, stat: 'Sum' },
    { id: 's0_age', namespace: 'AWS/Lambda', metricName: 'IteratorAge', dimensions: { FunctionName: 'app-iotConsume' }, stat: 'Maximum' },
    {
      id: 's0_shard0',
      namespace: 'AWS/Kinesis',
      metricName: 'IncomingRecords',
      dimensions: { StreamName: 'app-iot', ShardId: 'shardId-000000000000' },
      stat: 'Sum',
    },
  ]);
});
