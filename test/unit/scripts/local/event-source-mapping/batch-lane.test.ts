import { BatchLane } from '../../../../../scripts/local/event-source-mapping/batch-lane';
import { payloadBytes, toShardRecord, type ShardRecord } from '../../../../../scripts/local/event-source-mapping/kinesis-event';

const identity = {
  streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
  shardId: 'shardId-000000000000',
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::000000000000:role/r',
};
let nextSequenceNumber = 1;
const record = (data = 'x'): ShardRecord =>
  toShardRecord(
    { sequenceNumber: String(nextSequenceNumber++), partitionKey: 'k', data: Buffer.from(data), approximateArrivalTimestamp: new Date(0) },
    identity,
  );

describe('BatchLane', () => {
  it('holds records until the window closes, then releases them all', () => {
    const lane = new BatchLane({ batchSize: 10, windowMs: 1_000 });
    lane.enqueue(record(), 0);
    lane.enqueue(record(), 400);
    expect(lane.takeReadyBatch(999, false)).toBeUndefined();
    expect(lane.windowClosesAt()).toBe(1_000);
    expect(lane.takeReadyBatch(1_000, false)).toHaveLength(2);
    expect(lane.size).toBe(0);
  });

  it('releases a full batch before the window closes and keeps the rest', () => {
    const lane = new BatchLane({ batchSize: 2, windowMs: 60_000 });
    for (let index = 0; index < 5; index++) lane.enqueue(record(), 0);
    expect(lane.takeReadyBatch(0, false)).toHaveLength(2);
    expect(lane.takeReadyBatch(0, false)).toHaveLength(2);
    expect(lane.takeReadyBatch(0, false)).toBeUndefined();
    expect(lane.takeReadyBatch(0, true)).toHaveLength(1);
  });

  it('releases at once with window 0', () => {
    const lane = new BatchLane({ batchSize: 100, windowMs: 0 });
    lane.enqueue(record(), 0);
    expect(lane.takeReadyBatch(0, false)).toHaveLength(1);
  });

  it('cuts a batch at the payload limit, counting the event exactly', () => {
    const records = [record('a'.repeat(300)), record('b'.repeat(300)), record('c'.repeat(300))];
    const limit = payloadBytes(records.slice(0, 2));
    const lane = new BatchLane({ batchSize: 100, windowMs: 60_000, maxPayloadBytes: limit });
    for (const queued of records) lane.enqueue(queued, 0);

    const batch = lane.takeReadyBatch(0, false);

    expect(batch).toEqual(records.slice(0, 2));
    expect(Buffer.byteLength(JSON.stringify({ Records: batch?.map((shardRecord) => shardRecord.event) }))).toBe(limit);
    expect(lane.takeReadyBatch(0, false)).toBeUndefined();
  });

  it('sends a record bigger than the limit on its own', () => {
    const lane = new BatchLane({ batchSize: 100, windowMs: 0, maxPayloadBytes: 100 });
    lane.enqueue(record('z'.repeat(500)), 0);
    lane.enqueue(record(), 0);
    expect(lane.takeReadyBatch(0, false)).toHaveLength(1);
    expect(lane.takeReadyBatch(0, false)).toHaveLength(1);
  });
});
