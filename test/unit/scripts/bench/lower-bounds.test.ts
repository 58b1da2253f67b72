// The fewest calls the batch APIs allow.
import {
  dynamoDbBatchGetLowerBound,
  dynamoDbBatchWriteLowerBound,
  firehosePutRecordBatchLowerBound,
  kinesisPutRecordsLowerBound,
  minimumCalls,
  sqsSendMessageBatchLowerBound,
} from '../../../../scripts/bench/lower-bounds';

const MiB = 1024 * 1024;

describe('batching lower bounds', () => {
  it('is bound by the entry count for small records', () => {
    expect(kinesisPutRecordsLowerBound(1000, 1000 * 500)).toBe(2);
    expect(kinesisPutRecordsLowerBound(1001, 1001 * 500)).toBe(3);
    expect(firehosePutRecordBatchLowerBound(100, 100 * 500)).toBe(1);
    expect(sqsSendMessageBatchLowerBound(11, 11 * 100)).toBe(2);
  });

  it('is bound by the request size for large records (5 MiB for PutRecords, 4 MiB for PutRecordBatch)', () => {
    expect(kinesisPutRecordsLowerBound(100, 12 * MiB)).toBe(3);
    expect(firehosePutRecordBatchLowerBound(100, 12 * MiB)).toBe(3);
  });

  it('packs 25 items per BatchWriteItem and 100 keys per BatchGetItem', () => {
    expect(dynamoDbBatchWriteLowerBound(26)).toBe(2);
    expect(dynamoDbBatchGetLowerBound(100)).toBe(1);
    expect(dynamoDbBatchGetLowerBound(101)).toBe(2);
  });

  it('needs no call for no work', () => {
    expect(minimumCalls(0, 0, { maxCount: 500, maxBytes: MiB })).toBe(0);
    expect(dynamoDbBatchWriteLowerBound(0)).toBe(0);
  });
});
