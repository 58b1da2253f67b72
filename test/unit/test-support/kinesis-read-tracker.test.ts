// The read tracker's bookkeeping: iterator chains name their shard, and only an empty read requested after a write counts.
import { createShardReadProgress, shardKey } from '../../integration/flink/kinesis-read-tracker';
import type { ProxiedExchange } from '../../../scripts/local/faults';

const exchange = (operation: string, receivedAt: number, request: Record<string, unknown>, answer: Record<string, unknown>, status = 200): ProxiedExchange => ({
  call: { service: 'kinesis', operation, key: `kinesis.${operation}` },
  receivedAt,
  request,
  status,
  answer,
});

const A = shardKey('clicks', 'shardId-000000000000');
const B = shardKey('clicks', 'shardId-000000000001');

describe('createShardReadProgress', () => {
  test('a shard is read up to a write once an empty GetRecords is requested after it, following the iterator chain', () => {
    const progress = createShardReadProgress();
    progress.record(exchange('GetShardIterator', 100, { StreamName: 'clicks', ShardId: 'shardId-000000000000' }, { ShardIterator: 'it-1' }));
    progress.record(exchange('GetRecords', 200, { ShardIterator: 'it-1' }, { Records: [{ Data: 'eA==' }], NextShardIterator: 'it-2' }));
    expect(progress.behind([A], 150)).toEqual([A]); // it found records: not at the tip yet

    progress.record(exchange('GetRecords', 300, { ShardIterator: 'it-2' }, { Records: [], NextShardIterator: 'it-3' }));
    expect(progress.behind([A], 150)).toEqual([]);
    expect(progress.behind([A], 300)).toEqual([A]); // requested in the same millisecond as the write: not proof
    expect(progress.behind([A, B], 150)).toEqual([B]); // never read at all
  });

  test('a stream named by ARN, a re-issued iterator and failed or unknown reads', () => {
    const progress = createShardReadProgress();
    progress.record(exchange('GetShardIterator', 100, { StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks', ShardId: 'shardId-000000000001' }, { ShardIterator: 'it-b' }));
    progress.record(exchange('GetRecords', 200, { ShardIterator: 'it-b' }, { __type: 'ExpiredIteratorException' }, 400));
    progress.record(exchange('GetRecords', 210, { ShardIterator: 'someone-elses' }, { Records: [] }));
    expect(progress.behind([B], 150)).toEqual([B]);

    progress.record(exchange('GetRecords', 220, { ShardIterator: 'it-b' }, { Records: [] }));
    expect(progress.behind([B], 150)).toEqual([]);
  });

  test('other services and operations are ignored', () => {
    const progress = createShardReadProgress();
    progress.record({ ...exchange('GetRecords', 500, { ShardIterator: 'x' }, { Records: [] }), call: { service: 'dynamodb', operation: 'GetRecords', key: 'dynamodb.GetRecords' } });
    progress.record(exchange('PutRecords', 500, { StreamName: 'clicks' }, { Records: [] }));
    expect(progress.behind([A], 0)).toEqual([A]);
  });
});
