// Unit tests: PutRecords with retry of failed records only, limits and final failures.
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { putRecordsWithRetry } from '../../../../shared/aws/kinesis-producer';
import { instantRetryPolicy } from '../fixtures/clickstream';

const kinesis = mockClient(KinesisClient);
const client = new KinesisClient({ region: 'eu-west-1' });
const retryPolicy = instantRetryPolicy(3);
const entry = (id: string, bytes = 10) => ({ id, partitionKey: `key-${id}`, data: new Uint8Array(bytes) });
const sentKeys = (call: number) =>
  kinesis.commandCalls(PutRecordsCommand)[call]?.args[0].input.Records?.map((record) => record.PartitionKey);

beforeEach(() => kinesis.reset());

describe('putRecordsWithRetry', () => {
  it('resends only the records that failed, then reports all as succeeded', async () => {
    kinesis
      .on(PutRecordsCommand)
      .resolvesOnce({
        FailedRecordCount: 1,
        Records: [
          { SequenceNumber: '1', ShardId: 'shardId-0' },
          { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard' },
          { SequenceNumber: '2', ShardId: 'shardId-0' },
        ],
      })
      .resolvesOnce({ FailedRecordCount: 0, Records: [{ SequenceNumber: '3', ShardId: 'shardId-0' }] });

    const report = await putRecordsWithRetry(client, [entry('a'), entry('b'), entry('c')], { streamName: 'clicks', retryPolicy });

    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(2);
    expect(kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input.StreamName).toBe('clicks');
    expect(sentKeys(1)).toEqual(['key-b']);
    expect(report.failed).toEqual([]);
    expect(report.succeeded.map(({ entry, value }) => [entry.id, value.sequenceNumber])).toEqual([
      ['a', '1'],
      ['c', '2'],
      ['b', '3'],
    ]);
  });

  it('reports records that still fail after the last attempt with their error code', async () => {
    kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({
      FailedRecordCount: 1,
      Records: input.Records.map((_, index) =>
        index === 0 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' } : { SequenceNumber: '9', ShardId: 's' },
      ),
    }));

    const report = await putRecordsWithRetry(client, [entry('a'), entry('b')], { streamName: 'clicks', retryPolicy });

    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(3);
    expect(report.succeeded.map((s) => s.entry.id)).toEqual(['b']);
    expect(report.failed).toEqual([
      { entry: expect.objectContaining({ id: 'a' }) as unknown, errorCode: 'InternalFailure', errorMessage: 'Internal Service Failure' },
    ]);
  });

  it('retries a throttled call as a whole', async () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    kinesis.on(PutRecordsCommand).rejectsOnce(throttled).resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's' }] });
    const report = await putRecordsWithRetry(client, [entry('a')], { streamName: 'clicks', retryPolicy });
    expect(report.succeeded).toHaveLength(1);
  });

  it('does not send a record over 1 MiB (data + partition key) and reports it', async () => {
    kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's' }] });
    const tooBig = { id: 'big', partitionKey: 'k', data: new Uint8Array(1_048_576) };
    const report = await putRecordsWithRetry(client, [tooBig, entry('a')], { streamName: 'clicks', retryPolicy });
    expect(sentKeys(0)).toEqual(['key-a']);
    expect(report.failed).toEqual([expect.objectContaining({ entry: tooBig, errorCode: 'RecordTooLarge' })]);
  });

  it('splits 501 records into two requests', async () => {
    kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({
      FailedRecordCount: 0,
      Records: input.Records.map((_, index) => ({ SequenceNumber: String(index), ShardId: 's' })),
    }));
    const entries = Array.from({ length: 501 }, (_, index) => entry(String(index)));
    const report = await putRecordsWithRetry(client, entries, { streamName: 'clicks', retryPolicy });
    expect(kinesis.commandCalls(PutRecordsCommand).map((call) => call.args[0].input.Records?.length)).toEqual([500, 1]);
    expect(report.succeeded).toHaveLength(501);
  });
});
