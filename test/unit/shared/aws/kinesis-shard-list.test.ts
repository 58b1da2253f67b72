// Unit tests: ListShards paging (NextToken alone on follow-ups) and closed shards recognised by their ending sequence number.
import { KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { createKinesisShardLister } from '../../../../shared/aws/kinesis-shard-list';

const kinesis = mockClient(KinesisClient);

it('lists every page of shards, open and closed', async () => {
  kinesis
    .on(ListShardsCommand)
    .resolvesOnce({ Shards: [{ ShardId: 'shardId-0', HashKeyRange: undefined, SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '9' } }], NextToken: 'p2' })
    .resolvesOnce({ Shards: [{ ShardId: 'shardId-1', HashKeyRange: undefined, SequenceNumberRange: { StartingSequenceNumber: '10' } }] });

  const shards = await createKinesisShardLister(new KinesisClient({ region: 'eu-west-1' })).listShards('clicks');

  expect(shards).toEqual([
    { shardId: 'shardId-0', closed: true },
    { shardId: 'shardId-1', closed: false },
  ]);
  expect(kinesis.commandCalls(ListShardsCommand).map((call) => call.args[0].input)).toEqual([{ StreamName: 'clicks' }, { NextToken: 'p2' }]);
});
