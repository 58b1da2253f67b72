// Unit tests: chunking at the exact count and byte limits of PutRecords, PutRecordBatch and SendMessageBatch.
import { chunkByCount, chunkByCountAndBytes } from '../../../../shared/batching/chunk';
import {
  FIREHOSE_PUT_RECORD_BATCH_LIMITS,
  KINESIS_PUT_RECORDS_LIMITS,
  SQS_SEND_MESSAGE_BATCH_LIMITS,
  type BatchLimits,
} from '../../../../shared/batching/limits';

/** Entries are their own size, so tests can place them exactly on a limit. */
const chunk = (sizes: number[], limits: BatchLimits) => chunkByCountAndBytes(sizes, limits, (size) => size);
const ones = (n: number): number[] => Array.from({ length: n }, () => 1);
const chunkSizes = (sizes: number[], limits: BatchLimits) => chunk(sizes, limits).chunks.map((c) => c.length);

describe('the AWS limits', () => {
  it('match the API references', () => {
    expect(KINESIS_PUT_RECORDS_LIMITS).toEqual({ maxCount: 500, maxBytes: 5_242_880, maxEntryBytes: 1_048_576 });
    expect(FIREHOSE_PUT_RECORD_BATCH_LIMITS).toEqual({ maxCount: 500, maxBytes: 4_194_304, maxEntryBytes: 1_024_000 });
    expect(SQS_SEND_MESSAGE_BATCH_LIMITS).toEqual({ maxCount: 10, maxBytes: 262_144, maxEntryBytes: 262_144 });
  });
});

describe('chunkByCountAndBytes', () => {
  it('puts exactly maxCount entries in a chunk and starts a new one after', () => {
    expect(chunkSizes(ones(500), KINESIS_PUT_RECORDS_LIMITS)).toEqual([500]);
    expect(chunkSizes(ones(501), KINESIS_PUT_RECORDS_LIMITS)).toEqual([500, 1]);
    expect(chunkSizes(ones(21), SQS_SEND_MESSAGE_BATCH_LIMITS)).toEqual([10, 10, 1]);
  });

  it('fills a chunk up to exactly maxBytes (Kinesis: 5 × 1 MiB)', () => {
    const MiB = 1_048_576;
    expect(chunkSizes([MiB, MiB, MiB, MiB, MiB], KINESIS_PUT_RECORDS_LIMITS)).toEqual([5]);
    expect(chunkSizes([MiB, MiB, MiB, MiB, MiB, 1], KINESIS_PUT_RECORDS_LIMITS)).toEqual([5, 1]);
  });

  it('starts a new chunk when one more byte would pass maxBytes (Firehose: 4 MiB)', () => {
    const { maxBytes } = FIREHOSE_PUT_RECORD_BATCH_LIMITS;
    expect(chunkSizes([1_024_000, 1_024_000, 1_024_000, 1_024_000, maxBytes - 4_096_000], FIREHOSE_PUT_RECORD_BATCH_LIMITS)).toEqual([5]);
    expect(chunkSizes([1_024_000, 1_024_000, 1_024_000, 1_024_000, maxBytes - 4_096_000 + 1], FIREHOSE_PUT_RECORD_BATCH_LIMITS)).toEqual([4, 1]);
    expect(chunkSizes([131_072, 131_072, 1], SQS_SEND_MESSAGE_BATCH_LIMITS)).toEqual([2, 1]);
  });

  it('keeps an entry of exactly maxEntryBytes and sets aside one byte more, keeping order', () => {
    const plan = chunk([10, 1_048_576, 1_048_577, 20], KINESIS_PUT_RECORDS_LIMITS);
    expect(plan.chunks).toEqual([[10, 1_048_576, 20]]);
    expect(plan.oversized).toEqual([1_048_577]);
    expect(chunk([1_024_001], FIREHOSE_PUT_RECORD_BATCH_LIMITS).oversized).toEqual([1_024_001]);
    expect(chunk([262_145], SQS_SEND_MESSAGE_BATCH_LIMITS).oversized).toEqual([262_145]);
  });

  it('returns no chunks for no entries', () => {
    expect(chunk([], KINESIS_PUT_RECORDS_LIMITS)).toEqual({ chunks: [], oversized: [] });
  });
});

describe('chunkByCount', () => {
  it('splits into runs of at most the given size', () => {
    expect(chunkByCount([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkByCount([], 100)).toEqual([]);
  });
});
