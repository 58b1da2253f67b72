// Unit tests: GetMetricData requests (MetricStat shape, 500-query chunks, NextToken pages) and the series read back.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { createCloudWatchMetricDataReader } from '../../../../shared/aws/cloudwatch-metric-data';
import type { MetricQuery } from '../../../../shared/dashboard/stream-metrics-ports';

const cloudWatch = mockClient(CloudWatchClient);
const reader = createCloudWatchMetricDataReader(new CloudWatchClient({ region: 'eu-west-1' }));
const range = { start: new Date('2026-11-26T10:00:00Z'), end: new Date('2026-11-26T10:15:00Z'), periodSeconds: 60 };
const query = (id: string): MetricQuery => ({ id, namespace: 'AWS/Kinesis', metricName: 'IncomingRecords', dimensions: { StreamName: 'clicks' }, stat: 'Sum' });
const t = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute));

beforeEach(() => cloudWatch.reset());

it('sends MetricStat queries over the range and joins NextToken pages per query', async () => {
  cloudWatch
    .on(GetMetricDataCommand)
    .resolvesOnce({ MetricDataResults: [{ Id: 'a', Timestamps: [t(0)], Values: [5] }], NextToken: 'next' })
    .resolvesOnce({ MetricDataResults: [{ Id: 'a', Timestamps: [t(1)], Values: [7] }] });

  const series = await reader.getMetricData([query('a'), query('b')], range);

  expect([...series]).toEqual([
    ['a', [{ timestamp: t(0), value: 5 }, { timestamp: t(1), value: 7 }]],
    ['b', []],
  ]);
  const inputs = cloudWatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
  expect(inputs[0]).toEqual({
    MetricDataQueries: [query('a'), query('b')].map((q) => ({
      Id: q.id,
      MetricStat: { Metric: { Namespace: 'AWS/Kinesis', MetricName: 'IncomingRecords', Dimensions: [{ Name: 'StreamName', Value: 'clicks' }] }, Period: 60, Stat: 'Sum' },
      ReturnData: true,
    })),
    StartTime: range.start,
    EndTime: range.end,
    ScanBy: 'TimestampAscending',
    NextToken: undefined,
  });
  expect(inputs[1]?.NextToken).toBe('next');
});

it('splits more than 500 queries into several requests', async () => {
  cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  await reader.getMetricData(Array.from({ length: 501 }, (_, index) => query(`q${index}`)), range);
  expect(cloudWatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input.MetricDataQueries?.length)).toEqual([500, 1]);
});
