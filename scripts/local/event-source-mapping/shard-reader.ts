// Reads one shard in order: holds the shard iterator, replaces it when it expires, notices the end of a closed shard.
import type { IteratorPosition, KinesisRecord, KinesisStreamReader } from './kinesis-port';
import { ExpiredIteratorError } from './kinesis-port';
import { isAfter } from './sequence-number';

export interface ShardStart {
  /** Where reading begins. */
  position: IteratorPosition;
  /**
   * For LATEST, an iterator taken when the mapping was created: "latest" means the tip at creation time,
   * not whenever this shard's turn comes (a child waits for its parents).
   */
  pinned?: { iterator: string; takenAtMs: number };
}

export interface ShardRead {
  records: KinesisRecord[];
  millisBehindLatest?: number;
}

export class ShardReader {
  private iterator: string | undefined;
  private lastReadSequenceNumber: string | undefined;
  private shardEnded = false;

  constructor(
    private readonly kinesis: KinesisStreamReader,
    private readonly streamArn: string,
    private readonly shardId: string,
    private readonly start: ShardStart,
    private readonly limit: number,
  ) {
    this.iterator = start.pinned?.iterator;
  }

  /** True once a closed shard has been read to its end: GetRecords returned no next iterator. */
  get ended(): boolean {
    return this.shardEnded;
  }

  async read(): Promise<ShardRead> {
    if (this.shardEnded) return { records: [] };
    const page = await this.getRecordsRenewingExpiredIterator();
    this.iterator = page.nextShardIterator;
    this.shardEnded = page.nextShardIterator === undefined;
    // A re-acquired iterator must never hand back a record twice; the checkpoint relies on strictly rising numbers.
    const records = page.records.filter(
      (record) => this.lastReadSequenceNumber === undefined || isAfter(record.sequenceNumber, this.lastReadSequenceNumber),
    );
    const last = records[records.length - 1];
    if (last !== undefined) this.lastReadSequenceNumber = last.sequenceNumber;
    return { records, millisBehindLatest: page.millisBehindLatest };
  }

  private async getRecordsRenewingExpiredIterator() {
    const iterator = this.iterator ?? (await this.newIterator());
    try {
      return await this.kinesis.getRecords(this.streamArn, iterator, this.limit);
    } catch (error) {
      // Iterators expire 5 minutes after they were issued, e.g. while a failing batch blocks the shard.
      if (!(error instanceof ExpiredIteratorError)) throw error;
      return this.kinesis.getRecords(this.streamArn, await this.newIterator(), this.limit);
    }
  }

  /**
   * Resumes after the last record read. Records between the checkpoint and that point are held in memory
   * (queued or in flight), so resuming from the checkpoint itself would read them twice.
   */
  private newIterator(): Promise<string> {
    return this.kinesis.getShardIterator(this.streamArn, this.shardId, this.resumePosition());
  }

  private resumePosition(): IteratorPosition {
    if (this.lastReadSequenceNumber !== undefined) {
      return { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.lastReadSequenceNumber };
    }
    // The pinned LATEST iterator expired before returning anything: a new LATEST would skip what arrived since.
    if (this.start.pinned !== undefined) return { type: 'AT_TIMESTAMP', timestamp: new Date(this.start.pinned.takenAtMs) };
    return this.start.position;
  }
}
