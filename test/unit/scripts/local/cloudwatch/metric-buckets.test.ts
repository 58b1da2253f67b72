// Unit tests: per-minute buckets (sums for counters, statistic sets for samples), drained oldest first and emptied.
import { MetricBuckets, type MetricKey } from '../../../../../scripts/local/cloudwatch/metric-buckets';

const records: MetricKey = { namespace: 'AWS/Kinesis', metricName: 'IncomingRecords', dimensions: { StreamName: 's' }, unit: 'Count' };
const age: MetricKey = { namespace: 'AWS/Lambda', metricName: 'IteratorAge', dimensions: { FunctionName: 'f' }, unit: 'Milliseconds' };
const MINUTE = Date.UTC(2026, 10, 26, 10, 0);

it('sums counters per minute and keeps samples as statistic sets', () => {
  const buckets = new MetricBuckets();
  buckets.add(records, MINUTE + 61_000, 2);
  buckets.add(records, MINUTE + 1_000, 3);
  buckets.add(records, MINUTE + 59_999, 4);
  buckets.sample(age, MINUTE + 5_000, 900);
  buckets.sample(age, MINUTE + 6_000, 100);

  expect(buckets.drain()).toEqual([
    { ...records, timestamp: new Date(MINUTE), value: 7 },
    { ...age, timestamp: new Date(MINUTE), statistics: { sampleCount: 2, sum: 1000, minimum: 100, maximum: 900 } },
    { ...records, timestamp: new Date(MINUTE + 60_000), value: 2 },
  ]);
  expect(buckets.size).toBe(0);
});

it('treats the same dimensions in another order as the same metric', () => {
  const buckets = new MetricBuckets();
  buckets.add({ ...records, dimensions: { StreamName: 's', ShardId: 'a' } }, MINUTE, 1);
  buckets.add({ ...records, dimensions: { ShardId: 'a', StreamName: 's' } }, MINUTE, 1);
  expect(buckets.drain()).toHaveLength(1);
});
