// KinesisStreamReader over the AWS SDK v3 client (HTTP/1.1, see shared/aws/clients.ts): the poller's three read calls.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type ListShardsCommandInput,
} from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../../shared/aws/clients';
import { ExpiredIteratorError, type IteratorPosition, type KinesisShard, type KinesisStreamReader, type RecordsPage } from './kinesis-port';

export function createSdkKinesisReader(client: KinesisClient = createKinesisClient()): KinesisStreamReader {
  return {
    async listShards(streamArn) {
      const shards: KinesisShard[] = [];
      let nextToken: string | undefined;
      do {
        // A follow-up page is addressed by NextToken alone; ListShards rejects it together with the stream.
        const input: ListShardsCommandInput = nextToken === undefined ? { StreamARN: streamArn } : { NextToken: nextToken };
        const page = await client.send(new ListShardsCommand(input));
        for (const shard of page.Shards ?? []) {
          if (shard.ShardId === undefined) continue;
          shards.push({
            shardId: shard.ShardId,
            parentShardId: shard.ParentShardId,
            adjacentParentShardId: shard.AdjacentParentShardId,
            closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
          });
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      return shards;
    },

    async getShardIterator(streamArn, shardId, position) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({ StreamARN: streamArn, ShardId: shardId, ...iteratorParameters(position) }),
      );
      if (ShardIterator === undefined) throw new Error(`GetShardIterator returned no iterator for ${shardId}`);
      return ShardIterator;
    },

    async getRecords(streamArn, shardIterator, limit): Promise<RecordsPage> {
      try {
        const page = await client.send(new GetRecordsCommand({ StreamARN: streamArn, ShardIterator: shardIterator, Limit: limit }));
        return {
          records: (page.Records ?? []).map((record) => ({
            sequenceNumber: record.SequenceNumber ?? '',
            approximateArrivalTimestamp: record.ApproximateArrivalTimestamp ?? new Date(),
            data: record.Data ?? new Uint8Array(),
            partitionKey: record.PartitionKey ?? '',
          })),
          nextShardIterator: page.NextShardIterator ?? undefined,
          millisBehindLatest: page.MillisBehindLatest,
        };
      } catch (error) {
        if (error instanceof Error && error.name === 'ExpiredIteratorException') throw new ExpiredIteratorError(error.message);
        throw error;
      }
    },
  };
}

function iteratorParameters(position: IteratorPosition) {
  switch (position.type) {
    case 'AT_TIMESTAMP':
      return { ShardIteratorType: position.type, Timestamp: position.timestamp };
    case 'AFTER_SEQUENCE_NUMBER':
      return { ShardIteratorType: position.type, StartingSequenceNumber: position.sequenceNumber };
    default:
      return { ShardIteratorType: position.type };
  }
}
