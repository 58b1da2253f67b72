// What a shard's poller has done so far, for the local cloud's status output, the demo and tests.

export type ShardStatus = 'waiting-for-parents' | 'running' | 'finished' | 'stopped' | 'failed';

export interface ShardCounters {
  /** Records read from the shard. */
  recordsRead: number;
  /** Records the function processed successfully (the checkpoint passed them without discarding). */
  recordsDelivered: number;
  /** Records given up on: retries exhausted or too old (sent to the OnFailure destination when there is one). */
  recordsDiscarded: number;
  invocations: number;
  /** Invocations that threw, timed out, returned an unusable response or reported item failures. */
  failedInvocations: number;
  /** Invocations of records the function had already been given. */
  retries: number;
  bisections: number;
  onFailureRecordsSent: number;
  onFailureSendErrors: number;
  /** Age of the newest record of the last invoked batch when it was invoked (Lambda's IteratorAge metric). */
  iteratorAgeMs?: number;
  /** From the last GetRecords: how far the reader is behind the tip of the shard. */
  millisBehindLatest?: number;
}

export interface ShardStats extends ShardCounters {
  shardId: string;
  status: ShardStatus;
  /** Sequence number the shard would resume after. */
  checkpoint?: string;
  /** Records read but not yet behind the checkpoint (queued, in flight or waiting for a retry). */
  pendingRecords: number;
}

/** The counters that add up across shards. */
export const SUMMED_COUNTERS = [
  'recordsRead',
  'recordsDelivered',
  'recordsDiscarded',
  'invocations',
  'failedInvocations',
  'retries',
  'bisections',
  'onFailureRecordsSent',
  'onFailureSendErrors',
] as const satisfies ReadonlyArray<keyof ShardCounters>;

export const emptyCounters = (): ShardCounters => ({
  recordsRead: 0,
  recordsDelivered: 0,
  recordsDiscarded: 0,
  invocations: 0,
  failedInvocations: 0,
  retries: 0,
  bisections: 0,
  onFailureRecordsSent: 0,
  onFailureSendErrors: 0,
});
