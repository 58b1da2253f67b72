// One shard's poller: reads records in order, batches them per lane, delivers each batch, keeps the checkpoint.
import { setMaxListeners } from 'node:events';
import type { Clock } from './clock';
import { BatchDelivery, type DeliveryContext } from './batch-delivery';
import { BatchLane } from './batch-lane';
import { toShardRecord, type EventSourceIdentity, type ShardRecord } from './kinesis-event';
import type { KinesisMappingConfig } from './mapping-config';
import type { MappingLogger } from './mapping-logger';
import { ShardCheckpoint } from './shard-checkpoint';
import type { ShardReader } from './shard-reader';
import { emptyCounters, type ShardCounters, type ShardStats, type ShardStatus } from './shard-stats';

export interface ShardWorkerOptions extends Omit<DeliveryContext, 'settle' | 'counters' | 'shardId' | 'logger' | 'stopSignal'> {
  config: KinesisMappingConfig;
  reader: ShardReader;
  identity: EventSourceIdentity;
  clock: Clock;
  logger: MappingLogger;
  /** Poll interval while the shard has nothing new (AWS: about once per second) [LK22]. */
  pollIntervalMs: number;
  /** Called once, right after the shard was read to its end and everything read was settled. */
  onFinished(shardId: string): void;
}

/** Wakes the worker loop early: a batch finished, drain() wants a fresh poll, or stop() was called. */
class Wakeup {
  private controller = new AbortController();

  notify(): void {
    this.controller.abort();
  }

  async wait(clock: Clock, delayMs: number | undefined): Promise<void> {
    const { signal } = this.controller;
    if (!signal.aborted) {
      if (delayMs === undefined) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      else await clock.sleep(Math.max(0, delayMs), signal);
    }
    this.controller = new AbortController();
  }
}

interface CaughtUpWaiter {
  /** The first poll that counts: one issued after the waiter arrived. */
  fromPoll: number;
  resolve: () => void;
}

/**
 * The loop, in the order AWS describes it:
 * 1. Poll the shard about once per second, and again at once while records keep coming [LK22].
 * 2. Queue the records in a lane: one lane, or with ParallelizationFactor N, N lanes chosen by a hash of the
 *    partition key. A key always maps to the same lane and a lane runs one batch at a time, so records of one
 *    key are delivered in order while up to N batches of the shard run at once [LK22].
 * 3. Start a lane's batch when it is full (BatchSize or 6 MB), its window has passed, or the window is 0.
 * 4. A failing batch blocks its lane until it succeeds or is discarded (batch-delivery.ts); the checkpoint only
 *    moves over a contiguous settled prefix of the shard (shard-checkpoint.ts).
 * 5. A closed shard read to its end finishes the worker; the mapping then starts its children.
 */
export class ShardWorker {
  readonly counters: ShardCounters = emptyCounters();
  private readonly lanes: BatchLane[];
  private readonly checkpoint = new ShardCheckpoint();
  private readonly delivery: BatchDelivery;
  private readonly wakeup = new Wakeup();
  /** Aborted by the mapping's stop() or by a failure of this worker. */
  private readonly halt = new AbortController();
  private state: ShardStatus = 'running';
  private nextPollAt = 0;
  private pollsIssued = 0;
  private lastEmptyPoll = 0;
  private caughtUpWaiters: CaughtUpWaiter[] = [];

  constructor(private readonly options: ShardWorkerOptions) {
    const { config } = options;
    const rules = { batchSize: config.batchSize, windowMs: config.maximumBatchingWindowSeconds * 1000 };
    this.lanes = Array.from({ length: config.parallelizationFactor }, () => new BatchLane(rules));
    this.delivery = new BatchDelivery({
      ...options,
      stopSignal: this.halt.signal,
      shardId: this.shardId,
      counters: this.counters,
      settle: (records) => this.checkpoint.settle(records.map((record) => record.sequenceNumber)),
    });
    // Every lane's retry pause listens to this signal: ParallelizationFactor 10 exceeds the default of 10 listeners.
    setMaxListeners(0, this.halt.signal);
    this.halt.signal.addEventListener('abort', () => this.wakeup.notify(), { once: true });
  }

  get shardId(): string {
    return this.options.identity.shardId;
  }

  get status(): ShardStatus {
    return this.state;
  }

  stats(): ShardStats {
    return {
      shardId: this.shardId,
      status: this.state,
      checkpoint: this.checkpoint.sequenceNumber,
      pendingRecords: this.checkpoint.pending,
      ...this.counters,
    };
  }

  /** Stops polling and starting batches; run() resolves once the invocations in flight have returned. */
  stop(): void {
    this.halt.abort();
  }

  async run(): Promise<void> {
    try {
      await this.loop();
    } catch (error) {
      this.fail(error);
    } finally {
      await Promise.all(this.lanes.flatMap((lane) => lane.inFlight ?? []));
      if (this.state === 'running') this.state = 'stopped';
      this.resolveCaughtUpWaiters(true);
    }
  }

  /**
   * Resolves once everything in the shard when this was called has been delivered (or discarded): a poll issued
   * after the call came back empty and no batch is queued or in flight. Also resolves when the worker ends.
   */
  waitUntilCaughtUp(): Promise<void> {
    if (this.state !== 'running') return Promise.resolve();
    return new Promise((resolve) => {
      this.caughtUpWaiters.push({ fromPoll: this.pollsIssued + 1, resolve });
      this.nextPollAt = Math.min(this.nextPollAt, this.options.clock.now());
      this.wakeup.notify();
    });
  }

  private async loop(): Promise<void> {
    const { clock, reader } = this.options;
    while (!this.halt.signal.aborted) {
      this.startDueBatches();
      if (reader.ended && this.lanesIdle()) {
        this.state = 'finished';
        this.options.onFinished(this.shardId);
        return;
      }
      if (this.shouldPoll()) {
        await this.poll();
        continue;
      }
      this.resolveCaughtUpWaiters(false);
      await this.wakeup.wait(clock, this.nextWakeDelay());
    }
  }

  /** A bug, not an AWS behaviour: stop this shard where it is (its checkpoint stays before the failed batch). */
  private fail(error: unknown): void {
    this.state = 'failed';
    const details = error instanceof Error ? error.stack : String(error);
    this.options.logger.error('Shard poller failed', { shardId: this.shardId, error: details });
    this.halt.abort();
  }

  private startDueBatches(): void {
    const now = this.options.clock.now();
    for (const lane of this.lanes) {
      if (lane.busy) continue;
      const batch = lane.takeReadyBatch(now, this.options.reader.ended);
      if (batch === undefined) continue;
      lane.inFlight = this.delivery
        .deliver(batch)
        .catch((error: unknown) => this.fail(error))
        .finally(() => {
          lane.inFlight = undefined;
          this.wakeup.notify();
        });
    }
  }

  private shouldPoll(): boolean {
    return !this.options.reader.ended && this.options.clock.now() >= this.nextPollAt && !this.queuesFull();
  }

  /** Read ahead by at most BatchSize × lanes records, so a blocked shard does not pull the stream into memory. */
  private queuesFull(): boolean {
    const queued = this.lanes.reduce((sum, lane) => sum + lane.size, 0);
    return queued >= this.options.config.batchSize * this.lanes.length;
  }

  private async poll(): Promise<void> {
    const { clock, identity, logger, pollIntervalMs, reader } = this.options;
    const pollId = ++this.pollsIssued;
    try {
      const { records, millisBehindLatest } = await reader.read();
      this.counters.millisBehindLatest = millisBehindLatest;
      this.counters.recordsRead += records.length;
      const now = clock.now();
      for (const record of records) {
        const shardRecord = toShardRecord(record, identity);
        this.checkpoint.track(shardRecord.sequenceNumber);
        this.laneFor(shardRecord).enqueue(shardRecord, now);
      }
      if (records.length > 0) {
        this.nextPollAt = now; // behind the tip: fetch again at once [LK22]
      } else {
        this.nextPollAt = now + pollIntervalMs;
        this.lastEmptyPoll = pollId;
      }
    } catch (error) {
      logger.warn('GetRecords failed; retrying at the next poll', { shardId: this.shardId, error: String(error) });
      this.nextPollAt = clock.now() + pollIntervalMs;
    }
  }

  private laneFor(record: ShardRecord): BatchLane {
    const lane = this.lanes[laneIndex(record.partitionKey, this.lanes.length)];
    if (lane === undefined) throw new Error('No lane for the record');
    return lane;
  }

  private lanesIdle(): boolean {
    return this.lanes.every((lane) => !lane.busy && lane.size === 0);
  }

  /** Until the next poll or the first batching window to close, whichever comes first; otherwise until notified. */
  private nextWakeDelay(): number | undefined {
    const now = this.options.clock.now();
    const deadlines = this.lanes.filter((lane) => !lane.busy).map((lane) => lane.windowClosesAt());
    if (!this.options.reader.ended && !this.queuesFull()) deadlines.push(this.nextPollAt);
    const defined = deadlines.filter((deadline): deadline is number => deadline !== undefined);
    return defined.length === 0 ? undefined : Math.min(...defined) - now;
  }

  private resolveCaughtUpWaiters(ended: boolean): void {
    const caughtUp = ended || this.lanesIdle();
    this.caughtUpWaiters = this.caughtUpWaiters.filter((waiter) => {
      if (!caughtUp || (!ended && this.lastEmptyPoll < waiter.fromPoll)) return true;
      waiter.resolve();
      return false;
    });
  }
}

/** The lane of a partition key: FNV-1a, a small stable hash; any stable hash keeps a key on one lane. */
export function laneIndex(partitionKey: string, laneCount: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < partitionKey.length; index++) {
    hash ^= partitionKey.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % laneCount;
}
