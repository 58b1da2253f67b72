import type { KinesisStreamEvent } from 'aws-lambda';
import { returns, throwsError } from '../../../../../scripts/local/event-source-mapping/recording-invoker';
import { laneIndex } from '../../../../../scripts/local/event-source-mapping/shard-worker';
import { MappingHarness, stopAllMappings } from './mapping-harness';

afterEach(stopAllMappings);

const shardOf = (eventId: string) => eventId.split(':')[0];
const deliveredData = (h: MappingHarness) => h.invoker.dataBatches.flat();

describe('resharding', () => {
  it('reads a split parent to its end before either child', async () => {
    const h = new MappingHarness();
    ['a', 'b', 'c'].forEach((key) => h.put(key, `parent-${key}`));
    const [left, right] = h.kinesis.splitShard(h.streamArn, 'shardId-000000000000');
    h.putToShard(left, 'x', 'left-1');
    h.putToShard(right, 'y', 'right-1');
    h.putToShard(left, 'x', 'left-2');

    await h.start({ BatchSize: 2 });
    await h.mapping.drain();

    const order = deliveredData(h);
    expect(order.slice(0, 3)).toEqual(['parent-a', 'parent-b', 'parent-c']);
    expect(order.slice(3).sort()).toEqual(['left-1', 'left-2', 'right-1']);
    expect(order.indexOf('left-1')).toBeLessThan(order.indexOf('left-2'));
    expect(h.mapping.stats().shards.map((shard) => [shard.shardId, shard.status])).toEqual([
      ['shardId-000000000000', 'finished'],
      [left, 'running'],
      [right, 'running'],
    ]);
  });

  it('follows a split that happens while it runs', async () => {
    const h = new MappingHarness();
    await h.start();
    h.putMany(3, (index) => `user-${index}`);
    await h.mapping.drain();
    h.kinesis.splitShard(h.streamArn, 'shardId-000000000000');
    h.putMany(20, (index) => `user-${index}`);
    await h.mapping.drain();

    expect(deliveredData(h)).toHaveLength(23);
    expect(new Set(h.invoker.events.map((event) => shardOf(event.Records[0]!.eventID)))).toEqual(
      new Set(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']),
    );
  });

  it('starts a merged child only after both parents ended', async () => {
    const h = new MappingHarness({ shards: 2 });
    h.putToShard('shardId-000000000000', 'a', 'first-parent');
    h.putToShard('shardId-000000000001', 'b', 'second-parent');
    const child = h.kinesis.mergeShards(h.streamArn, 'shardId-000000000000', 'shardId-000000000001');
    h.putToShard(child, 'c', 'child');

    await h.start({ BatchSize: 1 });
    await h.mapping.drain();

    const order = deliveredData(h);
    expect(order.indexOf('child')).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual(['first-parent', 'second-parent']);
  });

  it('keeps children waiting while a failing batch blocks the parent', async () => {
    const h = new MappingHarness();
    h.put('k', 'parent');
    const [left] = h.kinesis.splitShard(h.streamArn, 'shardId-000000000000');
    h.putToShard(left, 'k', 'child');

    await h.start({ MaximumRetryAttempts: 2 }, (event) => (invokedParent(event) ? throwsError() : returns(null)));
    await h.mapping.drain();

    expect(h.invoker.dataBatches).toEqual([['parent'], ['parent'], ['parent'], ['child']]);
  });

  it('with LATEST skips what closed parents and open children held at creation', async () => {
    const h = new MappingHarness();
    h.put('k', 'old-parent');
    const [left, right] = h.kinesis.splitShard(h.streamArn, 'shardId-000000000000');
    h.putToShard(left, 'k', 'old-child');
    h.clock.advance(1);

    await h.start({ StartingPosition: 'LATEST' });
    h.kinesis.expireIterators(); // the children's LATEST iterators expire while they wait: no record may be lost
    h.putToShard(left, 'k', 'new-left');
    h.putToShard(right, 'k', 'new-right');
    await h.mapping.drain();

    expect(deliveredData(h).sort()).toEqual(['new-left', 'new-right']);
    const renewed = h.kinesis.iteratorRequests.filter(({ position }) => position.type === 'AT_TIMESTAMP').map(({ shardId }) => shardId);
    expect(renewed.sort()).toEqual([left, right]);
  });
});

describe('shard iterators', () => {
  it('replaces an expired iterator after the last record read, delivering each record once', async () => {
    const h = new MappingHarness();
    const [, , lastRead] = h.putMany(3);
    await h.start();
    await h.mapping.drain();
    h.kinesis.expireIterators();
    h.putMany(3);
    await h.mapping.drain();
    expect(deliveredData(h)).toEqual(['0', '1', '2', '0', '1', '2']);
    expect(h.kinesis.iteratorRequests.map(({ position }) => position)).toEqual([
      { type: 'TRIM_HORIZON' },
      { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: lastRead },
    ]);
  });

  it('survives a shard blocked for longer than the 5-minute iterator lifetime', async () => {
    const h = new MappingHarness();
    const startedAt = h.clock.now();
    const [first, ...rest] = h.putMany(5);
    await h.start({ BatchSize: 1, MaximumRetryAttempts: -1 }, (event) =>
      event.Records[0]!.kinesis.sequenceNumber === first && h.clock.now() - startedAt < 6 * 60_000 ? throwsError() : returns(null),
    );
    await h.mapping.drain();

    const batches = h.invoker.batches;
    expect(batches.filter(([sequenceNumber]) => sequenceNumber === first).length).toBeGreaterThan(100);
    expect(h.kinesis.iteratorRequests.map(({ position }) => position.type)).toEqual(['TRIM_HORIZON', 'AFTER_SEQUENCE_NUMBER']);
    expect(batches.filter(([sequenceNumber]) => sequenceNumber !== first)).toEqual(rest.map((sequenceNumber) => [sequenceNumber]));
  });
});

describe('ParallelizationFactor', () => {
  it('runs up to N batches of a shard at once, never two with the same partition key, each key in order', async () => {
    const h = new MappingHarness();
    const keyOf = (index: number) => `user-${index % 12}`;
    h.putMany(120, keyOf);
    const inFlight = new Set<KinesisStreamEvent>();
    let mostAtOnce = 0;
    await h.start({ BatchSize: 5, ParallelizationFactor: 3 }, async (event) => {
      const keys = new Set(event.Records.map((record) => record.kinesis.partitionKey));
      for (const other of inFlight) {
        for (const record of other.Records) expect(keys.has(record.kinesis.partitionKey)).toBe(false);
      }
      inFlight.add(event);
      mostAtOnce = Math.max(mostAtOnce, inFlight.size);
      await h.clock.sleep(100);
      inFlight.delete(event);
      return returns(null);
    });
    await h.mapping.drain();

    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(3);
    const perKey = new Map<string, number[]>();
    for (const record of h.invoker.events.flatMap((event) => event.Records)) {
      const values = perKey.get(record.kinesis.partitionKey) ?? [];
      values.push(Number(Buffer.from(record.kinesis.data, 'base64').toString()));
      perKey.set(record.kinesis.partitionKey, values);
    }
    expect(perKey.size).toBe(12);
    for (const values of perKey.values()) expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(deliveredData(h)).toHaveLength(120);
    expect(h.mapping.stats().shards[0]).toMatchObject({ pendingRecords: 0, checkpoint: expect.any(String) as unknown });
  });

  it('moves the checkpoint only over a contiguous settled prefix', async () => {
    const h = new MappingHarness();
    const [blockedKey, freeKey] = twoKeysOnDifferentLanes(2);
    const [blocked, ...others] = [h.put(blockedKey, 'blocked'), h.put(freeKey, 'free-1'), h.put(freeKey, 'free-2')];
    await h.start({ BatchSize: 1, ParallelizationFactor: 2, MaximumRetryAttempts: 3 }, (event) =>
      event.Records[0]!.kinesis.sequenceNumber === blocked ? throwsError() : returns(null),
    );

    await h.clock.sleep(50);
    expect(deliveredData(h)).toEqual(expect.arrayContaining(['free-1', 'free-2']));
    expect(h.mapping.stats().shards[0]).toMatchObject({ checkpoint: undefined, pendingRecords: 3 });

    await h.mapping.drain();
    expect(h.mapping.stats().shards[0]).toMatchObject({ checkpoint: others[1], pendingRecords: 0, recordsDiscarded: 1 });
  });
});

/** Whether the event holds the record put on the parent shard (tests put "parent" there). */
function invokedParent(event: KinesisStreamEvent): boolean {
  return event.Records.some((record) => shardOf(record.eventID) === 'shardId-000000000000');
}

function twoKeysOnDifferentLanes(laneCount: number): [string, string] {
  const first = 'key-0';
  for (let index = 1; ; index++) {
    const candidate = `key-${index}`;
    if (laneIndex(candidate, laneCount) !== laneIndex(first, laneCount)) return [first, candidate];
  }
}
