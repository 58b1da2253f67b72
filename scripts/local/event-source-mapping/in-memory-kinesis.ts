// An in-memory Kinesis for tests of the poller: MD5 routing, splits and merges, iterator expiry, AWS-like or moto-like numbers.
import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import {
  ExpiredIteratorError,
  GET_RECORDS_MAX_LIMIT,
  type IteratorPosition,
  type KinesisRecord,
  type KinesisShard,
  type KinesisStreamReader,
  type RecordsPage,
} from './kinesis-port';
import { compareSequenceNumbers } from './sequence-number';

const HASH_KEY_SPACE = 2n ** 128n;
/** GetShardIterator's iterators are valid for 5 minutes [KAPI]. */
const ITERATOR_LIFETIME_MS = 5 * 60 * 1000;
/** A 56-digit start, as on AWS; moto instead counts "1", "2", … (both must compare correctly). */
const AWS_LIKE_FIRST_SEQUENCE_NUMBER = 49590338271490256608559692538361571095921575989136588898n;

interface StoredShard {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  startingHashKey: bigint;
  endingHashKey: bigint;
  closed: boolean;
  records: KinesisRecord[];
}

interface Stream {
  shards: StoredShard[];
  nextShardNumber: number;
}

interface StoredIterator {
  streamArn: string;
  shardId: string;
  /** Index of the next record to return. */
  position: number;
  issuedAt: number;
}

export interface PutRecordInput {
  partitionKey: string;
  data: string | Uint8Array;
  /** Defaults to now; set it in the past to put records that are already old. */
  arrival?: Date;
}

export class InMemoryKinesis implements KinesisStreamReader {
  private readonly streams = new Map<string, Stream>();
  private readonly iterators = new Map<string, StoredIterator>();
  private nextIteratorId = 1;
  private nextSequence = 0n;
  /** GetRecords calls served, with the Limit asked for. */
  readonly getRecordsLimits: number[] = [];
  /** GetShardIterator calls, in order. */
  readonly iteratorRequests: Array<{ shardId: string; position: IteratorPosition }> = [];

  constructor(
    private readonly clock: Clock,
    private readonly options: { sequenceNumbers?: 'aws-like' | 'small'; accountId?: string; region?: string } = {},
  ) {}

  createStream(name: string, shardCount = 1): string {
    const streamArn = `arn:aws:kinesis:${this.options.region ?? 'us-east-1'}:${this.options.accountId ?? '000000000000'}:stream/${name}`;
    const stream: Stream = { shards: [], nextShardNumber: 0 };
    const width = HASH_KEY_SPACE / BigInt(shardCount);
    for (let index = 0; index < shardCount; index++) {
      const start = width * BigInt(index);
      const end = index === shardCount - 1 ? HASH_KEY_SPACE - 1n : start + width - 1n;
      this.addShard(stream, { startingHashKey: start, endingHashKey: end });
    }
    this.streams.set(streamArn, stream);
    return streamArn;
  }

  /** Routes by the MD5 of the partition key, like Kinesis, to the open shard whose hash range holds it. */
  putRecord(streamArn: string, input: PutRecordInput): { shardId: string; sequenceNumber: string } {
    const hashKey = BigInt(`0x${createHash('md5').update(input.partitionKey).digest('hex')}`);
    const shard = this.stream(streamArn).shards.find(
      (candidate) => !candidate.closed && candidate.startingHashKey <= hashKey && hashKey <= candidate.endingHashKey,
    );
    if (shard === undefined) throw new Error(`No open shard for partition key ${input.partitionKey}`);
    return this.append(shard, input);
  }

  /** Puts directly into a shard (tests that need records on a chosen shard). */
  putRecordToShard(streamArn: string, shardId: string, input: PutRecordInput): { shardId: string; sequenceNumber: string } {
    const shard = this.shard(streamArn, shardId);
    if (shard.closed) throw new Error(`${shardId} is closed`);
    return this.append(shard, input);
  }

  /** SplitShard at the middle of the hash range: the parent closes, two children open. */
  splitShard(streamArn: string, shardId: string): [string, string] {
    const stream = this.stream(streamArn);
    const parent = this.shard(streamArn, shardId);
    parent.closed = true;
    const middle = (parent.startingHashKey + parent.endingHashKey) / 2n;
    const left = this.addShard(stream, { startingHashKey: parent.startingHashKey, endingHashKey: middle, parentShardId: shardId });
    const right = this.addShard(stream, { startingHashKey: middle + 1n, endingHashKey: parent.endingHashKey, parentShardId: shardId });
    return [left.shardId, right.shardId];
  }

  /** MergeShards of two adjacent shards: both close, one child opens with both as parents. */
  mergeShards(streamArn: string, shardId: string, adjacentShardId: string): string {
    const stream = this.stream(streamArn);
    const [first, second] = [this.shard(streamArn, shardId), this.shard(streamArn, adjacentShardId)].sort((a, b) =>
      a.startingHashKey < b.startingHashKey ? -1 : 1,
    ) as [StoredShard, StoredShard];
    if (first.endingHashKey + 1n !== second.startingHashKey) throw new Error('Shards are not adjacent');
    first.closed = true;
    second.closed = true;
    return this.addShard(stream, {
      startingHashKey: first.startingHashKey,
      endingHashKey: second.endingHashKey,
      parentShardId: shardId,
      adjacentParentShardId: adjacentShardId,
    }).shardId;
  }

  /** Every iterator handed out so far stops working, as if 5 minutes had passed. */
  expireIterators(): void {
    for (const iterator of this.iterators.values()) iterator.issuedAt = -Infinity;
  }

  listShards(streamArn: string): Promise<KinesisShard[]> {
    return Promise.resolve(
      this.stream(streamArn).shards.map((shard) => ({
        shardId: shard.shardId,
        ...(shard.parentShardId !== undefined && { parentShardId: shard.parentShardId }),
        ...(shard.adjacentParentShardId !== undefined && { adjacentParentShardId: shard.adjacentParentShardId }),
        closed: shard.closed,
      })),
    );
  }

  getShardIterator(streamArn: string, shardId: string, position: IteratorPosition): Promise<string> {
    const shard = this.shard(streamArn, shardId);
    this.iteratorRequests.push({ shardId, position });
    return Promise.resolve(this.issueIterator({ streamArn, shardId, position: indexOf(shard, position), issuedAt: this.clock.now() }));
  }

  getRecords(streamArn: string, shardIterator: string, limit: number): Promise<RecordsPage> {
    if (!Number.isInteger(limit) || limit < 1 || limit > GET_RECORDS_MAX_LIMIT) {
      return Promise.reject(new Error(`Limit must be 1–${GET_RECORDS_MAX_LIMIT}, got ${limit}`));
    }
    const iterator = this.iterators.get(shardIterator);
    if (iterator === undefined || iterator.streamArn !== streamArn) return Promise.reject(new Error('Invalid ShardIterator'));
    if (this.clock.now() - iterator.issuedAt > ITERATOR_LIFETIME_MS) {
      return Promise.reject(new ExpiredIteratorError(`Iterator expired: ${shardIterator}`));
    }
    this.getRecordsLimits.push(limit);
    const shard = this.shard(iterator.streamArn, iterator.shardId);
    const records = shard.records.slice(iterator.position, iterator.position + limit);
    const position = iterator.position + records.length;
    const next = shard.records[position];
    return Promise.resolve({
      records,
      // A closed shard read to its end has no next iterator.
      nextShardIterator:
        shard.closed && position >= shard.records.length
          ? undefined
          : this.issueIterator({ ...iterator, position, issuedAt: this.clock.now() }),
      millisBehindLatest: next === undefined ? 0 : Math.max(0, this.clock.now() - next.approximateArrivalTimestamp.getTime()),
    });
  }

  private append(shard: StoredShard, input: PutRecordInput): { shardId: string; sequenceNumber: string } {
    this.nextSequence++;
    const sequenceNumber = String(
      this.options.sequenceNumbers === 'small' ? this.nextSequence : AWS_LIKE_FIRST_SEQUENCE_NUMBER + this.nextSequence * 1_000_003n,
    );
    shard.records.push({
      sequenceNumber,
      partitionKey: input.partitionKey,
      data: typeof input.data === 'string' ? new TextEncoder().encode(input.data) : input.data,
      approximateArrivalTimestamp: input.arrival ?? new Date(this.clock.now()),
    });
    return { shardId: shard.shardId, sequenceNumber };
  }

  private addShard(stream: Stream, shape: Omit<StoredShard, 'shardId' | 'closed' | 'records'>): StoredShard {
    const shard: StoredShard = {
      shardId: `shardId-${String(stream.nextShardNumber++).padStart(12, '0')}`,
      closed: false,
      records: [],
      ...shape,
    };
    stream.shards.push(shard);
    return shard;
  }

  private issueIterator(iterator: StoredIterator): string {
    const id = `iterator-${this.nextIteratorId++}`;
    this.iterators.set(id, iterator);
    return id;
  }

  private stream(streamArn: string): Stream {
    const stream = this.streams.get(streamArn);
    if (stream === undefined) throw new Error(`Stream not found: ${streamArn}`);
    return stream;
  }

  private shard(streamArn: string, shardId: string): StoredShard {
    const shard = this.stream(streamArn).shards.find((candidate) => candidate.shardId === shardId);
    if (shard === undefined) throw new Error(`Shard not found: ${shardId}`);
    return shard;
  }
}

function indexOf(shard: StoredShard, position: IteratorPosition): number {
  switch (position.type) {
    case 'TRIM_HORIZON':
      return 0;
    case 'LATEST':
      return shard.records.length;
    case 'AT_TIMESTAMP': {
      const index = shard.records.findIndex((record) => record.approximateArrivalTimestamp >= position.timestamp);
      return index === -1 ? shard.records.length : index;
    }
    case 'AFTER_SEQUENCE_NUMBER': {
      const index = shard.records.findIndex((record) => compareSequenceNumbers(record.sequenceNumber, position.sequenceNumber) > 0);
      return index === -1 ? shard.records.length : index;
    }
  }
}
