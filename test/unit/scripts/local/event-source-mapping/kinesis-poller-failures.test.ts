import type { KinesisStreamEvent } from 'aws-lambda';
import { returns, throwsError } from '../../../../../scripts/local/event-source-mapping/recording-invoker';
import { FUNCTION_ARN, MappingHarness, QUEUE_ARN, stopAllMappings } from './mapping-harness';

afterEach(stopAllMappings);

const withDestination = { DestinationConfig: { OnFailure: { Destination: QUEUE_ARN } } };
const sequenceNumbersOf = (event: KinesisStreamEvent) => event.Records.map((record) => record.kinesis.sequenceNumber);
const failures = (...sequenceNumbers: string[]) => ({
  batchItemFailures: sequenceNumbers.map((itemIdentifier) => ({ itemIdentifier })),
});

describe('function errors without ReportBatchItemFailures', () => {
  it('retries the same batch 1 + MaximumRetryAttempts times, then sends the OnFailure record and moves on', async () => {
    const h = new MappingHarness();
    const putAt = new Date(h.clock.now()).toISOString();
    const [first, second, third] = h.putMany(3);
    await h.start({ BatchSize: 2, MaximumRetryAttempts: 2, ...withDestination }, (event) =>
      sequenceNumbersOf(event).includes(first!) ? throwsError() : returns(null),
    );
    await h.mapping.drain();

    expect(h.invoker.batches).toEqual([[first, second], [first, second], [first, second], [third]]);
    expect(h.sent).toEqual([
      {
        destinationArn: QUEUE_ARN,
        record: {
          requestContext: {
            requestId: 'request-1',
            functionArn: FUNCTION_ARN,
            condition: 'RetryAttemptsExhausted',
            approximateInvokeCount: 3,
          },
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
          version: '1.0',
          timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
          KinesisBatchInfo: {
            shardId: 'shardId-000000000000',
            startSequenceNumber: first,
            endSequenceNumber: second,
            approximateArrivalOfFirstRecord: putAt,
            approximateArrivalOfLastRecord: putAt,
            batchSize: 2,
            streamArn: h.streamArn,
          },
        },
      },
    ]);
    expect(Object.keys(h.sent[0]!.record)).toEqual(['requestContext', 'responseContext', 'version', 'timestamp', 'KinesisBatchInfo']);
    expect(h.mapping.stats().shards[0]).toMatchObject({ checkpoint: third, recordsDiscarded: 2, recordsDelivered: 1 });
  });

  it('blocks the shard: later records wait until the failing batch succeeds', async () => {
    const h = new MappingHarness();
    const [first, second] = h.putMany(2);
    await h.start({ BatchSize: 1 }, (_event, invocation) => (invocation <= 2 ? throwsError() : returns(null)));
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([[first], [first], [first], [second]]);
    expect(h.sent).toEqual([]);
  });

  it('invokes once with MaximumRetryAttempts 0', async () => {
    const h = new MappingHarness();
    h.putMany(1);
    await h.start({ MaximumRetryAttempts: 0, ...withDestination }, () => throwsError());
    await h.mapping.drain();
    expect(h.invoker.events).toHaveLength(1);
    expect(h.sent[0]?.record.requestContext.approximateInvokeCount).toBe(1);
  });

  it('does not count invoke errors that happen before the function runs', async () => {
    const h = new MappingHarness();
    h.putMany(1);
    let calls = 0;
    await h.start({ MaximumRetryAttempts: 0, ...withDestination }, () => {
      calls++;
      if (calls <= 3) throw new Error('TooManyRequestsException');
      return returns(null);
    });
    await h.mapping.drain();
    expect(calls).toBe(4);
    expect(h.sent).toEqual([]);
    expect(h.mapping.stats().totals).toMatchObject({ invocations: 1, recordsDelivered: 1 });
  });

  it('discards without a destination when none is configured', async () => {
    const h = new MappingHarness();
    const [first, second] = h.putMany(2);
    await h.start({ BatchSize: 1, MaximumRetryAttempts: 1 }, (event) =>
      sequenceNumbersOf(event).includes(first!) ? throwsError() : returns(null),
    );
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([[first], [first], [second]]);
    expect(h.mapping.stats().totals).toMatchObject({ recordsDiscarded: 1, onFailureRecordsSent: 0 });
  });
});

describe('MaximumRecordAgeInSeconds', () => {
  it('splits expired records off the batch and still delivers the rest (OBS: 6 put, 1 expired, 5 delivered)', async () => {
    const h = new MappingHarness();
    const oldArrival = new Date(h.clock.now() - 120_000);
    const old = h.put('k', 'old', oldArrival);
    const fresh = h.putMany(5);
    await h.start({ BatchSize: 10, MaximumRecordAgeInSeconds: 60, ...withDestination });
    await h.mapping.drain();

    expect(h.invoker.batches).toEqual([fresh]);
    expect(h.sent.map(({ record }) => record)).toEqual([
      {
        requestContext: { requestId: 'request-1', functionArn: FUNCTION_ARN, condition: 'RecordAgeExceeded', approximateInvokeCount: 1 },
        version: '1.0',
        timestamp: new Date(h.sent[0]!.record.timestamp).toISOString(),
        KinesisBatchInfo: {
          shardId: 'shardId-000000000000',
          startSequenceNumber: old,
          endSequenceNumber: old,
          approximateArrivalOfFirstRecord: oldArrival.toISOString(),
          approximateArrivalOfLastRecord: oldArrival.toISOString(),
          batchSize: 1,
          streamArn: h.streamArn,
        },
      },
    ]);
    expect(h.sent[0]?.record).not.toHaveProperty('responseContext');
  });

  it('ends the retries of a failing batch when its records grow too old', async () => {
    const h = new MappingHarness();
    const [only] = h.putMany(1);
    await h.start({ MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: 60, ...withDestination }, () => throwsError());
    await h.mapping.drain();

    expect(h.invoker.events.length).toBeGreaterThan(10);
    expect(h.sent.map(({ record }) => record.requestContext.condition)).toEqual(['RecordAgeExceeded']);
    expect(h.mapping.stats().shards[0]).toMatchObject({ checkpoint: only, recordsDiscarded: 1 });
  });
});

describe('ReportBatchItemFailures (§1.5 table)', () => {
  const reportFailures = { FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 2, BatchSize: 3, ...withDestination };

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
    ['an empty object', {}],
    ['an empty list', []],
    ['an empty batchItemFailures', { batchItemFailures: [] }],
    ['a null batchItemFailures', { batchItemFailures: null }],
  ])('treats %s as success', async (_name, payload) => {
    const h = new MappingHarness();
    const sequenceNumbers = h.putMany(3);
    await h.start(reportFailures, () => returns(payload));
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([sequenceNumbers]);
    expect(h.mapping.stats().shards[0]?.checkpoint).toBe(sequenceNumbers[2]);
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrong key', { batchItemFailures: [{ foo: 'bar' }] }],
    ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '123' }] }],
  ])('fails the whole batch for %s', async (_name, payload) => {
    const h = new MappingHarness();
    const sequenceNumbers = h.putMany(3);
    await h.start(reportFailures, () => returns(payload));
    await h.mapping.drain();

    expect(h.invoker.batches).toEqual([sequenceNumbers, sequenceNumbers, sequenceNumbers]);
    expect(h.sent.map(({ record }) => [record.requestContext, record.responseContext, record.KinesisBatchInfo.batchSize])).toEqual([
      [
        { requestId: 'request-1', functionArn: FUNCTION_ARN, condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
        { statusCode: 200, executedVersion: '$LATEST', functionError: null },
        3,
      ],
    ]);
  });

  it('fails the whole batch when the function throws', async () => {
    const h = new MappingHarness();
    const sequenceNumbers = h.putMany(3);
    await h.start(reportFailures, () => throwsError());
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([sequenceNumbers, sequenceNumbers, sequenceNumbers]);
    expect(h.sent[0]?.record.responseContext?.functionError).toBe('Unhandled');
  });

  it('checkpoints before the lowest reported record and retries from it', async () => {
    const h = new MappingHarness({ sequenceNumbers: 'small' });
    // 9 and 10: the lowest is found numerically, not as text.
    const sequenceNumbers = h.putMany(12);
    const [, , , , , , , , nine, ten] = sequenceNumbers;
    await h.start({ ...reportFailures, BatchSize: 12 }, (_event, invocation) => returns(invocation === 1 ? failures(ten!, nine!) : null));
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([sequenceNumbers, sequenceNumbers.slice(8)]);
    expect(h.sent).toEqual([]);
  });

  it('starts a new retry budget when a partial response moves the checkpoint (OBS)', async () => {
    const h = new MappingHarness();
    const [r3, r4, r5] = h.putMany(3);
    await h.start(reportFailures, () => returns(failures(r5!)));
    await h.mapping.drain();

    expect(h.invoker.batches).toEqual([[r3, r4, r5], [r5], [r5], [r5]]);
    expect(h.sent.map(({ record }) => record)).toMatchObject([
      {
        requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
        responseContext: { statusCode: 200, functionError: null },
        KinesisBatchInfo: { startSequenceNumber: r5, endSequenceNumber: r5, batchSize: 1 },
      },
    ]);
    expect(h.mapping.stats().shards[0]).toMatchObject({ checkpoint: r5, recordsDelivered: 2, recordsDiscarded: 1 });
  });

  it('counts a partial response that names the first record as a failed attempt', async () => {
    const h = new MappingHarness();
    const sequenceNumbers = h.putMany(3);
    await h.start(reportFailures, (event) => returns(failures(sequenceNumbersOf(event)[0]!)));
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([sequenceNumbers, sequenceNumbers, sequenceNumbers]);
    expect(h.sent[0]?.record.KinesisBatchInfo.batchSize).toBe(3);
  });

  it('ignores the response body without the flag', async () => {
    const h = new MappingHarness();
    const sequenceNumbers = h.putMany(3);
    await h.start({ BatchSize: 3 }, () => returns(failures(sequenceNumbers[1]!)));
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([sequenceNumbers]);
  });
});

describe('BisectBatchOnFunctionError', () => {
  it('splits a failing batch in halves until the bad record is alone, without using retries', async () => {
    const h = new MappingHarness();
    const [r1, r2, r3, r4] = h.putMany(4);
    await h.start({ BatchSize: 4, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 0, ...withDestination }, (event) =>
      sequenceNumbersOf(event).includes(r3!) ? throwsError() : returns(null),
    );
    await h.mapping.drain();

    expect(h.invoker.batches).toEqual([[r1, r2, r3, r4], [r1, r2], [r3, r4], [r3], [r4]]);
    expect(h.sent.map(({ record }) => record.KinesisBatchInfo)).toMatchObject([
      { startSequenceNumber: r3, endSequenceNumber: r3, batchSize: 1 },
    ]);
    expect(h.mapping.stats().shards[0]).toMatchObject({ checkpoint: r4, recordsDelivered: 3, recordsDiscarded: 1, bisections: 2 });
  });

  it('gives the single bad record its full retry budget', async () => {
    const h = new MappingHarness();
    const [r1, r2] = h.putMany(2);
    await h.start({ BatchSize: 2, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 1, ...withDestination }, (event) =>
      sequenceNumbersOf(event).includes(r1!) ? throwsError() : returns(null),
    );
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([[r1, r2], [r1], [r1], [r2]]);
    expect(h.sent[0]?.record.requestContext.approximateInvokeCount).toBe(2);
  });

  it('with a partial response retries from the returned sequence number instead of splitting', async () => {
    const h = new MappingHarness();
    const [r1, r2, r3, r4] = h.putMany(4);
    await h.start(
      { BatchSize: 4, BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'] },
      (_event, invocation) => returns(invocation === 1 ? failures(r3!) : null),
    );
    await h.mapping.drain();
    expect(h.invoker.batches).toEqual([[r1, r2, r3, r4], [r3, r4]]);
  });
});
