// The per-shard view's hot-shard rule: more than twice the mean load.
import fc from 'fast-check';
import { HOT_SHARD_FACTOR, shardLoads, shortShardName } from '../../../../dashboard/src/model/hot-shards';

const shard = (shardId: string, values: number[]) => ({ shardId, incomingRecords: values.map((v, index) => ({ t: index * 60, v })) });

test('a shard taking more than 2× the mean is hot; the others are not', () => {
  const loads = shardLoads([shard('shardId-000000000000', [1, 1]), shard('shardId-000000000001', [1, 1]), shard('shardId-000000000002', [10, 10]), shard('shardId-000000000003', [1, 1])]);
  expect(loads.map((load) => load.hot)).toEqual([false, false, true, false]);
  expect(loads[2]?.share).toBeCloseTo(10 / 13);
  expect(loads[2]?.recordsPerSecond).toBe(10);
});

test('a period a shard did not report counts as zero for it', () => {
  const loads = shardLoads([{ shardId: 'a', incomingRecords: [{ t: 0, v: 4 }] }, { shardId: 'b', incomingRecords: [{ t: 0, v: 4 }, { t: 60, v: 4 }] }]);
  expect(loads.map((load) => load.recordsPerSecond)).toEqual([2, 4]);
});

test('one shard, idle streams and even loads have no hot shard', () => {
  expect(shardLoads([shard('a', [100])])[0]?.hot).toBe(false);
  expect(shardLoads([shard('a', [0]), shard('b', [0])]).some((load) => load.hot)).toBe(false);
  expect(shardLoads([])).toEqual([]);
});

test('hot means above the factor times the mean, for any loads', () => {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 2, maxLength: 8 }), (rates) => {
      const loads = shardLoads(rates.map((rate, index) => shard(`s${index}`, [rate])));
      const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
      return loads.every((load, index) => load.hot === (mean > 0 && (rates[index] ?? 0) > HOT_SHARD_FACTOR * mean));
    }),
  );
});

test('shard ids shorten to their number', () => {
  expect(shortShardName('shardId-000000000012')).toBe('shard 12');
  expect(shortShardName('custom')).toBe('custom');
});
