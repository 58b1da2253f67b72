// Per-shard sequence-number bookkeeping that makes re-applying redelivered Kinesis records a no-op, for any domain.

/** Where a record sits in the stream. */
export interface ShardPosition {
  shardId: string;
  /** Decimal string: "1", "2" … on emulators, 56 digits on AWS. */
  sequenceNumber: string;
}

/**
 * Highest applied sequence number per shard, stored with the state it produced. Per shard because sequence
 * numbers only grow within a shard, and resharding moves a key to a new one.
 */
export type LastSequenceByShard = Readonly<Record<string, string>>;

const hasLeadingZero = (digits: string): boolean => digits.length > 1 && digits.charCodeAt(0) === 48;

/**
 * Sequence numbers exceed Number.MAX_SAFE_INTEGER on AWS, so they are never compared as numbers, and "10" < "9"
 * as strings. Without leading zeros the longer decimal is the larger one and equal lengths compare like strings,
 * which is what this does without allocating two BigInts per comparison; anything else goes through BigInt
 * (which also rejects what is not a decimal).
 */
export function compareSequenceNumbers(a: string, b: string): number {
  if (hasLeadingZero(a) || hasLeadingZero(b)) {
    const left = BigInt(a);
    const right = BigInt(b);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const isInSequenceOrder = (records: readonly ShardPosition[]): boolean =>
  records.every((record, index) => index === 0 || compareSequenceNumbers((records[index - 1] as ShardPosition).sequenceNumber, record.sequenceNumber) < 0);

/**
 * Records grouped by shard (first-seen shard order) and sorted by sequence number within each shard. Lambda
 * delivers one shard's records in order, so the common case is answered by one pass and no copy.
 */
export function inShardSequenceOrder<R extends ShardPosition>(records: readonly R[]): readonly R[] {
  const shardId = records[0]?.shardId;
  if (records.every((record) => record.shardId === shardId) && isInSequenceOrder(records)) return records;
  const byShard = new Map<string, R[]>();
  for (const record of records) {
    const shardRecords = byShard.get(record.shardId);
    if (shardRecords === undefined) byShard.set(record.shardId, [record]);
    else shardRecords.push(record);
  }
  return [...byShard.values()].flatMap((shardRecords) =>
    [...shardRecords].sort((a, b) => compareSequenceNumbers(a.sequenceNumber, b.sequenceNumber)),
  );
}

/**
 * True when the record is at or below the highest number already applied for its shard. Lambda redelivers
 * from the lowest failed record, so a retried batch starts with records the state already contains.
 */
export function isAlreadyApplied(applied: LastSequenceByShard | undefined, record: ShardPosition): boolean {
  const last = applied?.[record.shardId];
  return last !== undefined && compareSequenceNumbers(record.sequenceNumber, last) <= 0;
}

/** The bookkeeping after applying `record` (callers apply records in shard sequence order). */
export function withAppliedPosition(applied: LastSequenceByShard, record: ShardPosition): Record<string, string> {
  // A plain copy then one assignment: V8 builds `{ ...applied, [key]: value }` through a much slower path.
  const next = { ...applied };
  next[record.shardId] = record.sequenceNumber;
  return next;
}
