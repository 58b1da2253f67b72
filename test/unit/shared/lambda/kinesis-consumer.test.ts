// Unit tests: the reusable Kinesis consumer (dead letters, partial failures, per-key ordering rule).
import { z } from 'zod';
import type { DeadLetter, DeadLetterWriter } from '../../../../shared/aws/dead-letter-writer';
import {
  createKinesisConsumer,
  failLaterRecordsOfFailedKeys,
  type BatchStepResult,
} from '../../../../shared/lambda/kinesis-consumer';
import type { StreamRecord } from '../../../../shared/lambda/kinesis-records';
import { kinesisEvent, kinesisRecord, lambdaContext, recordingLogger } from '../fixtures/clickstream';

const schema = z.strictObject({ key: z.string(), n: z.number() });
type Payload = z.infer<typeof schema>;

function deadLetterQueue(failing = false) {
  const written: DeadLetter[] = [];
  const writer: DeadLetterWriter = {
    write(letters) {
      written.push(...letters);
      return Promise.resolve(failing ? letters.map((letter) => ({ letter, errorCode: 'AccessDenied' })) : []);
    },
  };
  return { writer, written };
}

const record = (seq: string, key: string, data: unknown = { key, n: Number(seq) }) =>
  kinesisRecord(seq, data, { partitionKey: key });
const failed = (response: { batchItemFailures: Array<{ itemIdentifier: string }> }) =>
  response.batchItemFailures.map((failure) => failure.itemIdentifier).sort();

function consumer(processBatch: (records: Array<StreamRecord<Payload>>) => Promise<BatchStepResult>, dlqFailing = false) {
  const dlq = deadLetterQueue(dlqFailing);
  const handler = createKinesisConsumer({
    schema,
    processBatch,
    deadLetters: dlq.writer,
    logger: recordingLogger(),
    now: () => new Date('2026-11-02T10:00:00Z'),
  });
  return { handler, dlq };
}

describe('createKinesisConsumer', () => {
  it('acknowledges a poison record after dead-lettering it and passes the rest to the batch step', async () => {
    const processBatch = jest.fn(() => Promise.resolve({ failures: new Map<string, string>() }));
    const { handler, dlq } = consumer(processBatch);

    const response = await handler(kinesisEvent([record('1', 'a'), record('2', 'a', '{not json'), record('3', 'b')]), lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(dlq.written).toEqual([expect.objectContaining({ reason: 'invalid-json', function: 'clickstream-consume' })]);
    expect(processBatch).toHaveBeenCalledWith([
      expect.objectContaining({ sequenceNumber: '1', payload: { key: 'a', n: 1 } }),
      expect.objectContaining({ sequenceNumber: '3', payload: { key: 'b', n: 3 } }),
    ]);
  });

  it('fails a poison record whose dead letter could not be written', async () => {
    const { handler } = consumer(() => Promise.resolve({ failures: new Map() }), true);
    const response = await handler(kinesisEvent([record('1', 'a', { key: 'a' }), record('2', 'b')]), lambdaContext());
    expect(failed(response)).toEqual(['1']);
  });

  it('fails the later records of a partition key after a failed one, but not other keys', async () => {
    const { handler } = consumer(() => Promise.resolve({ failures: new Map([['2', 'store failed']]) }));
    const response = await handler(
      kinesisEvent([record('1', 'a'), record('2', 'a'), record('3', 'b'), record('4', 'a'), record('5', 'b')]),
      lambdaContext(),
    );
    expect(failed(response)).toEqual(['2', '4']);
  });

  it('reports a fully failed batch as item failures instead of throwing', async () => {
    const { handler } = consumer((records) => Promise.resolve({ failures: new Map(records.map((r) => [r.sequenceNumber, 'x'])) }));
    const response = await handler(kinesisEvent([record('1', 'a'), record('2', 'b')]), lambdaContext());
    expect(failed(response)).toEqual(['1', '2']);
  });

  it('fails every valid record when the batch step throws', async () => {
    const { handler } = consumer(() => Promise.reject(new Error('bug')));
    const response = await handler(kinesisEvent([record('1', 'a'), record('2', 'b', 'poison')]), lambdaContext());
    expect(failed(response)).toEqual(['1']);
  });

  it('records the batch counters as metrics, durations in milliseconds', async () => {
    const recorded: Array<[string, string, number]> = [];
    const handler = createKinesisConsumer({
      schema,
      processBatch: () => Promise.resolve({ failures: new Map([['3', 'store failed']]), summary: { alertsRaised: 2, decisionLatencyMaxMs: 840 } }),
      deadLetters: deadLetterQueue().writer,
      logger: recordingLogger(),
      metrics: { addMetric: (name, unit, value) => recorded.push([name, unit, value]) },
    });
    await handler(kinesisEvent([record('1', 'a'), record('2', 'b', '{not json'), record('3', 'c')]), lambdaContext());
    expect(recorded).toEqual([
      ['Records', 'Count', 3],
      ['Valid', 'Count', 2],
      ['DeadLettered', 'Count', 1],
      ['Failed', 'Count', 1],
      ['AlertsRaised', 'Count', 2],
      ['DecisionLatencyMaxMs', 'Milliseconds', 840],
    ]);
  });

  it('does not call the batch step when no record is valid', async () => {
    const processBatch = jest.fn();
    const { handler } = consumer(processBatch);
    expect(await handler(kinesisEvent([record('1', 'a', 'poison')]), lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(processBatch).not.toHaveBeenCalled();
  });
});

describe('failLaterRecordsOfFailedKeys', () => {
  it('extends a failure to the later records of the same key only', () => {
    const records = [record('1', 'a'), record('2', 'b'), record('3', 'a'), record('4', 'b')];
    expect([...failLaterRecordsOfFailedKeys(records, new Map([['2', 'x']])).keys()]).toEqual(['2', '4']);
    expect(failLaterRecordsOfFailedKeys(records, new Map()).size).toBe(0);
  });
});
