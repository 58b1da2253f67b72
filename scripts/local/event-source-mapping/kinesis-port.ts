// The three Kinesis read calls the poller needs (a port), so the SDK adapter and the in-memory fake are interchangeable.

export interface KinesisShard {
  shardId: string;
  /** Set on shards created by a split or merge; the poller reads parents to the end before their children. */
  parentShardId?: string;
  /** The second parent of a merged shard. */
  adjacentParentShardId?: string;
  /** A closed shard (it has an EndingSequenceNumber) takes no new records; reading it ends with no next iterator. */
  closed: boolean;
}

export type IteratorPosition =
  | { type: 'TRIM_HORIZON' }
  | { type: 'LATEST' }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

export interface KinesisRecord {
  /** A decimal string; compare with sequence-number.ts, never as text. */
  sequenceNumber: string;
  approximateArrivalTimestamp: Date;
  data: Uint8Array;
  partitionKey: string;
}

export interface RecordsPage {
  records: KinesisRecord[];
  /** Absent once a closed shard has been read to its end. */
  nextShardIterator?: string;
  millisBehindLatest?: number;
}

export interface KinesisStreamReader {
  /** Every shard the stream still retains, open and closed, across all pages. */
  listShards(streamArn: string): Promise<KinesisShard[]>;
  getShardIterator(streamArn: string, shardId: string, position: IteratorPosition): Promise<string>;
  /**
   * `limit` is 1–10,000, the GetRecords maximum. Throws ExpiredIteratorError for an iterator older than 5 minutes.
   * The stream ARN goes along with the iterator (moto cannot find the stream of an ARN-made iterator without it).
   */
  getRecords(streamArn: string, shardIterator: string, limit: number): Promise<RecordsPage>;
}

/** GetRecords' ExpiredIteratorException, whatever backend raised it. */
export class ExpiredIteratorError extends Error {
  override readonly name = 'ExpiredIteratorError';
}

/** The GetRecords limit: at most 10,000 records per call [KAPI]. */
export const GET_RECORDS_MAX_LIMIT = 10_000;
