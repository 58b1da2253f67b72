// ShardLister on Kinesis ListShards: the shards a stream retains, for the dashboard's per-shard view.
import { ListShardsCommand, type KinesisClient, type ListShardsCommandInput } from '@aws-sdk/client-kinesis';
import type { ShardLister, StreamShard } from '../dashboard/stream-metrics-ports';

export function createKinesisShardLister(client: KinesisClient): ShardLister {
  return {
    async listShards(streamName) {
      const shards: StreamShard[] = [];
      let nextToken: string | undefined;
      do {
        // A follow-up page is addressed by NextToken alone; ListShards rejects it together with the stream.
        const input: ListShardsCommandInput = nextToken === undefined ? { StreamName: streamName } : { NextToken: nextToken };
        const page = await client.send(new ListShardsCommand(input));
        for (const shard of page.Shards ?? []) {
          if (shard.ShardId !== undefined) {
            shards.push({ shardId: shard.ShardId, closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined });
          }
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      return shards;
    },
  };
}
