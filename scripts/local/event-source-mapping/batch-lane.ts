// Gathers a shard's records into batches: BatchSize, MaximumBatchingWindowInSeconds and the 6 MB payload limit [LK22].
import { EVENT_ENVELOPE_BYTES, MAX_INVOKE_PAYLOAD_BYTES, type ShardRecord } from './kinesis-event';

export interface BatchingRules {
  batchSize: number;
  windowMs: number;
  maxPayloadBytes?: number;
}

interface QueuedRecord {
  record: ShardRecord;
  queuedAt: number;
}

/**
 * One queue of records waiting for the function, with at most one batch in flight. A shard has one lane, or
 * ParallelizationFactor lanes that split its records by partition key (see shard-worker.ts).
 */
export class BatchLane {
  private queue: QueuedRecord[] = [];
  private queuedBytes = 0;
  /** The delivery of the batch in flight, if any. */
  inFlight: Promise<void> | undefined;

  constructor(private readonly rules: BatchingRules) {}

  get size(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  enqueue(record: ShardRecord, now: number): void {
    this.queue.push({ record, queuedAt: now });
    this.queuedBytes += record.eventBytes + 1;
  }

  /**
   * The next batch if one is due: the batch is full (count or bytes), the window is 0 and records exist, the
   * window since the oldest queued record has passed, or `flush` says no more records will come.
   */
  takeReadyBatch(now: number, flush: boolean): ShardRecord[] | undefined {
    const oldest = this.queue[0];
    if (oldest === undefined) return undefined;
    const due = this.isFull() || this.rules.windowMs === 0 || flush || now >= oldest.queuedAt + this.rules.windowMs;
    return due ? this.take() : undefined;
  }

  /** When the window of the oldest queued record closes; undefined when nothing waits for a window. */
  windowClosesAt(): number | undefined {
    const oldest = this.queue[0];
    return oldest === undefined ? undefined : oldest.queuedAt + this.rules.windowMs;
  }

  private maxPayloadBytes(): number {
    return this.rules.maxPayloadBytes ?? MAX_INVOKE_PAYLOAD_BYTES;
  }

  private isFull(): boolean {
    return this.queue.length >= this.rules.batchSize || EVENT_ENVELOPE_BYTES + this.queuedBytes - 1 >= this.maxPayloadBytes();
  }

  /** Up to BatchSize records whose event fits in the payload limit; a single oversized record still goes alone. */
  private take(): ShardRecord[] {
    const batch: ShardRecord[] = [];
    let bytes = EVENT_ENVELOPE_BYTES - 1;
    for (const { record } of this.queue) {
      const withRecord = bytes + record.eventBytes + 1;
      if (batch.length === this.rules.batchSize || (batch.length > 0 && withRecord > this.maxPayloadBytes())) break;
      batch.push(record);
      bytes = withRecord;
    }
    this.queue = this.queue.slice(batch.length);
    this.queuedBytes -= bytes - (EVENT_ENVELOPE_BYTES - 1);
    return batch;
  }
}
