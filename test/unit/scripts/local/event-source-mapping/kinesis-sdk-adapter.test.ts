import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { ExpiredIteratorError } from '../../../../../scripts/local/event-source-mapping/kinesis-port';
import { createSdkKinesisReader } from '../../../../../scripts/local/event-source-mapping/kinesis-sdk-adapter';

const kinesis = mockClient(KinesisClient);
const reader = createSdkKinesisReader(new KinesisClient({ region: 'us-east-1' }));
const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks';
beforeEach(() => kinesis.reset());

describe('createSdkKinesisReader', () => {
  it('lists every page of shards, following NextToken alone', async () => {
    kinesis
      .on(ListShardsCommand)
      .resolvesOnce({
        Shards: [
          {
            ShardId: 'shardId-000000000000',
            HashKeyRange: { StartingHashKey: '0', EndingHashKey: '1' },
            SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '9' },
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Shards: [
          {
            ShardId: 'shardId-000000000001',
            ParentShardId: 'shardId-000000000000',
            HashKeyRange: { StartingHashKey: '0', EndingHashKey: '1' },
            SequenceNumberRange: { StartingSequenceNumber: '10' },
          },
        ],
      });

    const shards = await reader.listShards(STREAM_ARN);

    expect(shards).toEqual([
      { shardId: 'shardId-000000000000', parentShardId: undefined, adjacentParentShardId: undefined, closed: true },
      { shardId: 'shardId-000000000001', parentShardId: 'shardId-000000000000', adjacentParentShardId: undefined, closed: false },
    ]);
    expect(kinesis.commandCalls(ListShardsCommand).map((call) => call.args[0].input)).toEqual([
      { StreamARN: STREAM_ARN },
      { NextToken: 'page-2' },
    ]);
  });

  it('asks for each kind of iterator with its parameters', async () => {
    kinesis.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it' });
    const at = new Date('2025-01-01T00:00:00Z');
    await reader.getShardIterator(STREAM_ARN, 's', { type: 'TRIM_HORIZON' });
    await reader.getShardIterator(STREAM_ARN, 's', { type: 'AT_TIMESTAMP', timestamp: at });
    await reader.getShardIterator(STREAM_ARN, 's', { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: '42' });
    expect(kinesis.commandCalls(GetShardIteratorCommand).map((call) => call.args[0].input)).toEqual([
      { StreamARN: STREAM_ARN, ShardId: 's', ShardIteratorType: 'TRIM_HORIZON' },
      { StreamARN: STREAM_ARN, ShardId: 's', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: at },
      { StreamARN: STREAM_ARN, ShardId: 's', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: '42' },
    ]);
  });

  it('maps records and the end of a closed shard', async () => {
    const arrival = new Date('2025-01-01T00:00:00.123Z');
    kinesis.on(GetRecordsCommand).resolves({
      Records: [{ SequenceNumber: '7', ApproximateArrivalTimestamp: arrival, Data: Buffer.from('hi'), PartitionKey: 'k' }],
      MillisBehindLatest: 0,
    });
    const page = await reader.getRecords(STREAM_ARN, 'it', 500);
    expect(page).toEqual({
      records: [{ sequenceNumber: '7', approximateArrivalTimestamp: arrival, data: Buffer.from('hi'), partitionKey: 'k' }],
      nextShardIterator: undefined,
      millisBehindLatest: 0,
    });
    expect(kinesis.commandCalls(GetRecordsCommand)[0]?.args[0].input).toEqual({ StreamARN: STREAM_ARN, ShardIterator: 'it', Limit: 500 });
  });

  it('turns ExpiredIteratorException into ExpiredIteratorError', async () => {
    kinesis.on(GetRecordsCommand).rejects(new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} }));
    await expect(reader.getRecords(STREAM_ARN, 'old', 10)).rejects.toBeInstanceOf(ExpiredIteratorError);
  });
});
