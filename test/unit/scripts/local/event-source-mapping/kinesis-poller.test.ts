import { returns, throwsError } from '../../../../../scripts/local/event-source-mapping/recording-invoker';
import { FUNCTION_ARN, MappingHarness, ROLE_ARN, stopAllMappings } from './mapping-harness';

afterEach(stopAllMappings);

describe('the event', () => {
  it('has the shape AWS sends, key for key', async () => {
    const h = new MappingHarness();
    const sequenceNumber = h.put('user-7', 'Hello', new Date(Date.UTC(2018, 11, 17, 22, 10, 50, 987)));

    await h.start();
    await h.mapping.drain();

    expect(h.invoker.functionNames).toEqual([FUNCTION_ARN]);
    const [event] = h.invoker.events;
    expect(event).toEqual({
      Records: [
        {
          kinesis: {
            kinesisSchemaVersion: '1.0',
            partitionKey: 'user-7',
            sequenceNumber,
            data: 'SGVsbG8=',
            approximateArrivalTimestamp: 1545084650.987,
          },
          eventSource: 'aws:kinesis',
          eventVersion: '1.0',
          eventID: `shardId-000000000000:${sequenceNumber}`,
          eventName: 'aws:kinesis:record',
          invokeIdentityArn: ROLE_ARN,
          awsRegion: 'us-east-1',
          eventSourceARN: h.streamArn,
        },
      ],
    });
    expect(Object.keys(event?.Records[0] ?? {})).toEqual([
      'kinesis',
      'eventSource',
      'eventVersion',
      'eventID',
      'eventName',
      'invokeIdentityArn',
      'awsRegion',
      'eventSourceARN',
    ]);
    expect(sequenceNumber).toHaveLength(56);
  });
});

describe('starting position', () => {
  it('TRIM_HORIZON delivers what the stream already holds', async () => {
    const h = new MappingHarness();
    h.putMany(3);
    await h.start({ StartingPosition: 'TRIM_HORIZON' });
    await h.mapping.drain();
    expect(h.invoker.dataBatches).toEqual([['0', '1', '2']]);
  });

  it('LATEST delivers only records put after the mapping was created', async () => {
    const h = new MappingHarness({ shards: 2 });
    h.put('before-a');
    h.put('before-b');
    await h.start({ StartingPosition: 'LATEST' });
    h.put('after-a');
    h.put('after-b');
    await h.mapping.drain();
    expect(h.invoker.dataBatches.flat().sort()).toEqual(['after-a', 'after-b']);
  });

  it('AT_TIMESTAMP starts at the first record that arrived at or after the timestamp', async () => {
    const h = new MappingHarness();
    const t0 = h.clock.now();
    h.put('k', 'at-t0', new Date(t0));
    h.put('k', 'at-t0+10s', new Date(t0 + 10_000));
    h.put('k', 'at-t0+20s', new Date(t0 + 20_000));
    h.clock.advance(30_000);
    await h.start({ StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: (t0 + 10_000) / 1000 });
    await h.mapping.drain();
    expect(h.invoker.dataBatches).toEqual([['at-t0+10s', 'at-t0+20s']]);
  });
});

describe('batching', () => {
  it('cuts batches at BatchSize, in order', async () => {
    const h = new MappingHarness();
    h.putMany(7);
    await h.start({ BatchSize: 3 });
    await h.mapping.drain();
    expect(h.invoker.dataBatches).toEqual([['0', '1', '2'], ['3', '4', '5'], ['6']]);
  });

  it('with window 0 invokes as soon as a record is there, even one', async () => {
    const h = new MappingHarness();
    await h.start({ BatchSize: 100, MaximumBatchingWindowInSeconds: 0 });
    await h.mapping.drain();
    const putAt = h.clock.now();
    h.put('k', 'only');
    await h.mapping.drain();
    expect(h.invoker.dataBatches).toEqual([['only']]);
    expect(h.clock.now() - putAt).toBeLessThan(1_000);
  });

  it('gathers records until the window has passed', async () => {
    const h = new MappingHarness();
    const invokedAt: number[] = [];
    await h.start({ BatchSize: 100, MaximumBatchingWindowInSeconds: 5 }, () => {
      invokedAt.push(h.clock.now());
      return returns(null);
    });
    const firstPutAt = h.clock.now();
    h.putMany(3);
    await h.clock.sleep(2_000);
    h.putMany(2);
    await h.mapping.drain();

    expect(h.invoker.events.map((event) => event.Records.length)).toEqual([5]);
    expect(invokedAt[0]! - firstPutAt).toBeGreaterThanOrEqual(5_000);
    expect(invokedAt[0]! - firstPutAt).toBeLessThan(7_000);
  });

  it('does not wait for the window once the batch is full', async () => {
    const h = new MappingHarness();
    const invokedAt: number[] = [];
    await h.start({ BatchSize: 3, MaximumBatchingWindowInSeconds: 60 }, () => {
      invokedAt.push(h.clock.now());
      return returns(null);
    });
    const putAt = h.clock.now();
    h.putMany(3);
    await h.clock.sleep(10_000);

    expect(h.invoker.dataBatches).toEqual([['0', '1', '2']]);
    expect(invokedAt[0]! - putAt).toBeLessThan(60_000);
  });

  it('keeps every payload within 6 MB', async () => {
    const h = new MappingHarness();
    const oneMegabyte = 'x'.repeat(1024 * 1024);
    for (let index = 0; index < 10; index++) h.put(`k${index}`, oneMegabyte);
    await h.start({ BatchSize: 10 });
    await h.mapping.drain();

    const sizes = h.invoker.events.map((event) => Buffer.byteLength(JSON.stringify(event)));
    expect(h.invoker.events.map((event) => event.Records.length)).toEqual([4, 4, 2]);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  it('reads with GetRecords Limit ≤ 10000 and keeps reading while behind', async () => {
    const h = new MappingHarness();
    h.putMany(25);
    await h.start({ BatchSize: 10 }, undefined, { getRecordsLimit: 4 });
    await h.mapping.drain();
    expect(h.invoker.dataBatches.flat()).toEqual(Array.from({ length: 25 }, (_, index) => String(index)));
    expect(new Set(h.kinesis.getRecordsLimits)).toEqual(new Set([4]));

    const defaults = new MappingHarness();
    defaults.putMany(1);
    await defaults.start();
    await defaults.mapping.drain();
    expect(defaults.kinesis.getRecordsLimits[0]).toBe(10_000);
  });
});

describe('ordering', () => {
  it('builds each batch from one shard and keeps every shard in sequence order', async () => {
    const h = new MappingHarness({ shards: 3 });
    h.putMany(90, (index) => `user-${index % 17}`);
    await h.start({ BatchSize: 7 });
    await h.mapping.drain();

    const seen = new Map<string, bigint>();
    for (const event of h.invoker.events) {
      const shardIds = new Set(event.Records.map((record) => record.eventID.split(':')[0]));
      expect(shardIds.size).toBe(1);
      for (const record of event.Records) {
        const shardId = record.eventID.split(':')[0]!;
        const sequenceNumber = BigInt(record.kinesis.sequenceNumber);
        expect(sequenceNumber > (seen.get(shardId) ?? -1n)).toBe(true);
        seen.set(shardId, sequenceNumber);
      }
    }
    expect(h.invoker.events.flatMap((event) => event.Records)).toHaveLength(90);
    expect(seen.size).toBe(3);
  });

  it('orders moto-style small sequence numbers numerically ("9" before "10")', async () => {
    const h = new MappingHarness({ sequenceNumbers: 'small' });
    const sequenceNumbers = h.putMany(12);
    await h.start({ BatchSize: 5 });
    await h.mapping.drain();
    expect(h.invoker.batches.flat()).toEqual(sequenceNumbers);
    expect(sequenceNumbers.slice(8, 10)).toEqual(['9', '10']);
    expect(h.mapping.stats().shards[0]?.checkpoint).toBe('12');
  });
});

describe('drain, stats and stop', () => {
  it('reports what each shard did', async () => {
    const h = new MappingHarness({ shards: 2 });
    h.putMany(10, (index) => `user-${index}`);
    await h.start({ BatchSize: 100, MaximumRetryAttempts: 1 }, (_event, invocation) =>
      invocation === 1 ? throwsError() : returns(null),
    );
    await h.mapping.drain();

    const stats = h.mapping.stats();
    expect(stats.state).toBe('Enabled');
    expect(stats.shards.map((shard) => shard.status)).toEqual(['running', 'running']);
    expect(stats.totals).toMatchObject({
      recordsRead: 10,
      recordsDelivered: 10,
      recordsDiscarded: 0,
      invocations: 3,
      failedInvocations: 1,
      retries: 1,
      pendingRecords: 0,
      millisBehindLatest: 0,
    });
    for (const shard of stats.shards) {
      const delivered = h.invoker.events.flatMap((event) => event.Records).filter((record) => record.eventID.startsWith(shard.shardId));
      expect(shard.checkpoint).toBe(delivered[delivered.length - 1]?.kinesis.sequenceNumber);
    }
  });

  it('stop() lets the invocation in flight finish and starts nothing new', async () => {
    const h = new MappingHarness();
    h.putMany(4);
    let finished = 0;
    await h.start({ BatchSize: 2 }, async () => {
      await h.clock.sleep(10_000);
      finished++;
      return returns(null);
    });
    await h.clock.sleep(1);
    expect(h.invoker.events).toHaveLength(1);

    await h.mapping.stop();

    expect(finished).toBe(1);
    expect(h.invoker.events).toHaveLength(1);
    expect(h.mapping.stats().state).toBe('Stopped');
    expect(h.mapping.stats().shards[0]).toMatchObject({ status: 'stopped', recordsDelivered: 2, pendingRecords: 2 });
    await h.mapping.stop();
    await h.mapping.drain();
  });

  it('stop() does not wait for the retries of a failing batch', async () => {
    const h = new MappingHarness();
    h.putMany(1);
    await h.start({ MaximumRetryAttempts: -1 }, () => throwsError());
    await h.clock.sleep(5_000);
    const invocations = h.invoker.events.length;
    expect(invocations).toBeGreaterThan(1);

    await h.mapping.stop();

    expect(h.invoker.events).toHaveLength(invocations);
    expect(h.mapping.stats().totals).toMatchObject({ recordsDiscarded: 0, pendingRecords: 1 });
  });

  it('does not poll a disabled mapping', async () => {
    const h = new MappingHarness();
    h.putMany(3);
    await h.start({ Enabled: false });
    await h.clock.sleep(5_000);
    await h.mapping.drain();
    expect(h.invoker.events).toEqual([]);
    expect(h.mapping.stats()).toMatchObject({ state: 'Disabled', shards: [] });
  });

  it('fails to start for a missing stream, or without an OnFailure port for a destination', async () => {
    const h = new MappingHarness();
    await expect(h.start({ EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/missing' })).rejects.toThrow(
      'Stream not found',
    );
    const { startKinesisEventSourceMapping } = await import('../../../../../scripts/local/event-source-mapping/kinesis-poller');
    await expect(
      startKinesisEventSourceMapping({
        properties: h.properties({ DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:dlq' } } }),
        invoker: h.invoker,
        kinesis: h.kinesis,
        roleArn: ROLE_ARN,
        clock: h.clock,
      }),
    ).rejects.toThrow('pass an onFailure destination');
  });
});
