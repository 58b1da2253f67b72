// Follows every shard of the template's streams with GetRecords and counts what arrived, by arrival time, as AWS/Kinesis would.
import { ExpiredIteratorError, GET_RECORDS_MAX_LIMIT, type KinesisRecord, type KinesisStreamReader } from '../event-source-mapping/kinesis-port';

export interface TailedStream {
  streamName: string;
  streamArn: string;
}

/** Called with every page of records read from a shard (possibly empty pages are not reported). */
export type ArrivalListener = (stream: TailedStream, shardId: string, records: readonly KinesisRecord[]) => void;

export interface IngestTailLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

interface ShardTail {
  shardId: string;
  iterator?: string;
  lastSequenceNumber?: string;
  /** A closed shard read to its end. */
  finished: boolean;
}

/** Pages read per shard and pass, so a burst is counted promptly without one shard starving the others. */
const MAX_PAGES_PER_PASS = 10;

/**
 * A consumer of its own, independent of the event-source mappings: IncomingRecords counts what producers put,
 * whether or not a consumer keeps up (a stuck consumer must not flatten the ingest chart). Reading from
 * TRIM_HORIZON counts what arrived before the tail started; arrival timestamps put each record in its own minute.
 * After an expired iterator it resumes after the last record it counted, so nothing is counted twice.
 */
export class KinesisIngestTail {
  private readonly shards = new Map<string, Map<string, ShardTail>>();

  constructor(
    private readonly reader: KinesisStreamReader,
    private readonly streams: readonly TailedStream[],
    private readonly onArrivals: ArrivalListener,
    private readonly logger: IngestTailLogger,
  ) {}

  /** Looks for new shards (resharding), then reads each unfinished shard up to where it is now. */
  async pass(): Promise<void> {
    await Promise.all(this.streams.map((stream) => this.passStream(stream)));
  }

  private async passStream(stream: TailedStream): Promise<void> {
    try {
      const tails = this.shards.get(stream.streamArn) ?? new Map<string, ShardTail>();
      this.shards.set(stream.streamArn, tails);
      for (const shard of await this.reader.listShards(stream.streamArn)) {
        if (!tails.has(shard.shardId)) tails.set(shard.shardId, { shardId: shard.shardId, finished: false });
      }
      await Promise.all([...tails.values()].filter((tail) => !tail.finished).map((tail) => this.readShard(stream, tail)));
    } catch (error) {
      this.logger.warn('CloudWatch stand-in: reading a stream failed; retrying on the next pass', {
        stream: stream.streamName,
        error: String(error),
      });
    }
  }

  private async readShard(stream: TailedStream, tail: ShardTail): Promise<void> {
    for (let page = 0; page < MAX_PAGES_PER_PASS; page += 1) {
      tail.iterator ??= await this.reader.getShardIterator(
        stream.streamArn,
        tail.shardId,
        tail.lastSequenceNumber === undefined
          ? { type: 'TRIM_HORIZON' }
          : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: tail.lastSequenceNumber },
      );
      try {
        const { records, nextShardIterator } = await this.reader.getRecords(stream.streamArn, tail.iterator, GET_RECORDS_MAX_LIMIT);
        tail.iterator = nextShardIterator;
        const last = records[records.length - 1];
        if (last) {
          tail.lastSequenceNumber = last.sequenceNumber;
          this.onArrivals(stream, tail.shardId, records);
        }
        if (nextShardIterator === undefined) tail.finished = true;
        if (records.length === 0 || tail.finished) return;
      } catch (error) {
        if (!(error instanceof ExpiredIteratorError)) throw error;
        tail.iterator = undefined;
      }
    }
  }
}
