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

/** Sequence numbers exceed Number.MAX_SAFE_INTEGER on AWS, so they are compared as BigInt, never as numbers or strings. */
export function compareSequenceNumbers(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Records grouped by shard (first-seen shard order) and sorted by sequence number within each shard. */
export function inShardSequenceOrder<R extends ShardPosition>(records: readonly R[]): R[] {
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
  return { ...applied, [record.shardId]: record.sequenceNumber };
}
