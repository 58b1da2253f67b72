// Drives any traffic generator at a target rate: batching with linger, bounded concurrency, retries, live stats.
import { fullJitterDelay } from '../../shared/batching/retry-failed-entries';
import { LatencyRecorder, type LatencySummary } from './latency-stats';
import { systemClock, type RunnerClock, type SendBatch, type SendOutcome, type TrafficGenerator, type TrafficItem } from './traffic';

export { systemClock };
export type { RunnerClock, SendBatch, SendOutcome, TrafficGenerator, TrafficItem };

export interface RetrySettings {
  /** Attempts per item in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this long; beyond it the run would look hung. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

export const MAX_BATCH_SIZE = 500;

export type ItemOutcome = 'accepted' | 'rejected' | 'failed';

export interface RunTrafficOptions<P, T = undefined> {
  generator: TrafficGenerator<P, T>;
  send: SendBatch<P>;
  /** Target items per second. */
  rate: number;
  /** Stop generating after this long; without it (and without `maxItems`) the run lasts until `signal` aborts. */
  durationMs?: number;
  /** Stop generating after this many items. */
  maxItems?: number;
  /** Items per request, 1–500 (default 100). */
  batchSize?: number;
  /** A batch that is not full is sent once its first item has waited this long (default 200 ms). */
  lingerMs?: number;
  /** Requests in flight at once, retries included (default 4). */
  concurrency?: number;
  retry?: Partial<RetrySettings>;
  clock?: RunnerClock;
  /** In [0, 1), for backoff jitter; injected so tests are deterministic. */
  random?: () => number;
  /** Aborting stops generation; what was generated is still delivered (with retries), then the run returns. */
  signal?: AbortSignal;
  progressIntervalMs?: number;
  onProgress?: (stats: TrafficStats) => void;
  /** Called once per item with its final outcome, e.g. to keep ground-truth labels of accepted items. */
  onSettled?: (items: ReadonlyArray<TrafficItem<P, T>>, outcome: ItemOutcome) => void;
}

export interface TrafficStats {
  elapsedMs: number;
  targetRate: number;
  /** Items generated per second: over the last few seconds while running, over the whole run in the summary. */
  rate: number;
  generated: number;
  /** Distinct items posted at least once. */
  sent: number;
  accepted: number;
  /** Refused by the receiver as invalid; never retried. */
  rejected: number;
  /** Item re-sends (an item sent three times counts two). */
  retried: number;
  /** Given up on: retries exhausted, or the run halted on a fatal answer. */
  failed: number;
  requests: number;
  /** Responses by HTTP status, or by kind for transport errors ("network"). */
  responses: Readonly<Record<string, number>>;
  /** Batches being delivered (a batch waiting out a backoff counts). */
  inFlight: number;
  /** Items generated but not yet handed to a request. */
  queued: number;
  /** The generator's entities in progress (sessions, devices). */
  active: number;
  counters: Readonly<Record<string, number>>;
  latencyMs: LatencySummary;
  lastError?: string;
}

export type StopReason = 'duration' | 'item-limit' | 'exhausted' | 'aborted' | 'fatal';

export interface TrafficSummary extends TrafficStats {
  stopReason: StopReason;
  /** The answer that halted the run, when stopReason is "fatal". */
  fatalError?: string;
}

/** When the receiver cannot keep up, the schedule slips instead of bursting to catch up by more than this. */
const MAX_CATCH_UP_MS = 1_000;
/** The pacing loop wakes at least this often, so linger and progress stay on time at low rates. */
const MAX_TICK_MS = 100;
const RATE_WINDOW_MS = 3_000;

type Batch<P, T> = Array<TrafficItem<P, T>>;

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function responseLabel(outcome: SendOutcome): string {
  if (outcome.status !== undefined) return String(outcome.status);
  return outcome.kind === 'retry' ? 'network' : outcome.kind;
}

class TrafficRun<P, T> {
  private readonly clock: RunnerClock;
  private readonly random: () => number;
  private readonly retry: RetrySettings;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly concurrency: number;
  private readonly progressIntervalMs: number;
  /** Aborted on the caller's signal or a fatal answer: no more items are generated. */
  private readonly generation = new AbortController();
  /** Aborted on a fatal answer only: nothing more is sent, pending items fail. */
  private readonly halt = new AbortController();

  private startedAt = 0;
  /** When generation stopped; the summary's rate is over the generating period, not the drain after it. */
  private generationEndedAt: number | undefined;
  private open: Batch<P, T> = [];
  private openedAt = 0;
  private readonly waiting: Array<Batch<P, T>> = [];
  private inFlight = 0;
  private readonly latencies = new LatencyRecorder();
  private readonly rateSamples: Array<{ at: number; generated: number }> = [];
  private readonly responses: Record<string, number> = {};
  private readonly counts = { generated: 0, sent: 0, accepted: 0, rejected: 0, retried: 0, failed: 0, requests: 0 };
  private lastError: string | undefined;
  private stopReason: StopReason | undefined;
  private fatalError: string | undefined;

  constructor(private readonly options: RunTrafficOptions<P, T>) {
    if (!(options.rate > 0) || !Number.isFinite(options.rate)) throw new RangeError('rate must be a positive number');
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.batchSize = options.batchSize ?? 100;
    this.lingerMs = options.lingerMs ?? 200;
    this.concurrency = options.concurrency ?? 4;
    this.progressIntervalMs = options.progressIntervalMs ?? 500;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > MAX_BATCH_SIZE) {
      throw new RangeError(`batchSize must be an integer in 1..${MAX_BATCH_SIZE}`);
    }
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  }

  async run(): Promise<TrafficSummary> {
    const { signal } = this.options;
    const onAbort = (): void => this.stopGenerating('aborted');
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.startedAt = this.clock.now();
      await this.generate();
      this.generationEndedAt = this.clock.now();
      if (this.open.length > 0) this.flush();
      await this.drain();
      return this.summary();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Paces generation on a fixed schedule (item k is due at start + k/rate) and batches what comes due. */
  private async generate(): Promise<void> {
    const { rate, durationMs, maxItems = Infinity } = this.options;
    const intervalMs = 1000 / rate;
    const deadline = durationMs === undefined ? Infinity : this.startedAt + durationMs;
    let nextDueAt = this.startedAt;
    let nextProgressAt = this.startedAt + this.progressIntervalMs;

    while (!this.generation.signal.aborted) {
      const now = this.clock.now();
      if (now >= deadline) return this.stopGenerating('duration');
      if (this.counts.generated >= maxItems) return this.stopGenerating('item-limit');
      if (!this.backlogged()) {
        if (now - nextDueAt > MAX_CATCH_UP_MS) nextDueAt = now;
        while (nextDueAt <= now && this.counts.generated < maxItems && !this.backlogged()) {
          const item = this.options.generator.next(now);
          if (item === undefined) return this.stopGenerating('exhausted');
          this.add(item, now);
          nextDueAt += intervalMs;
        }
      }
      if (this.open.length > 0 && now - this.openedAt >= this.lingerMs) this.flush();
      if (now >= nextProgressAt) {
        this.reportProgress(now);
        nextProgressAt = now + this.progressIntervalMs;
      }
      const wakeAt = Math.min(
        this.backlogged() ? now + 10 : nextDueAt,
        this.open.length > 0 ? this.openedAt + this.lingerMs : Infinity,
        nextProgressAt,
        deadline,
      );
      await this.clock.sleep(Math.min(MAX_TICK_MS, Math.max(1, wakeAt - now)), this.generation.signal);
    }
  }

  /** Waits for every generated item to be settled, still reporting progress. */
  private async drain(): Promise<void> {
    let nextProgressAt = this.clock.now();
    while (this.inFlight > 0 || this.waiting.length > 0) {
      const now = this.clock.now();
      if (now >= nextProgressAt) {
        this.reportProgress(now);
        nextProgressAt = now + this.progressIntervalMs;
      }
      await this.clock.sleep(Math.min(20, Math.max(1, nextProgressAt - now)));
    }
  }

  private stopGenerating(reason: StopReason): void {
    this.stopReason ??= reason;
    this.generation.abort();
  }

  /** More full rounds of requests are waiting than can be in flight: the receiver is the bottleneck, so pause. */
  private backlogged(): boolean {
    return this.waiting.length >= this.concurrency;
  }

  private add(item: TrafficItem<P, T>, now: number): void {
    this.counts.generated++;
    if (this.open.length === 0) this.openedAt = now;
    this.open.push(item);
    if (this.open.length >= this.batchSize) this.flush();
  }

  private flush(): void {
    this.waiting.push(this.open);
    this.open = [];
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.shift() as Batch<P, T>;
      if (this.halt.signal.aborted) {
        this.settle(batch, 'failed');
        continue;
      }
      this.inFlight++;
      void this.deliver(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** Sends a batch until every item is accepted, rejected, or out of attempts; retries only what failed. */
  private async deliver(batch: Batch<P, T>): Promise<void> {
    this.counts.sent += batch.length;
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(pending);
      pending = this.applyOutcome(pending, outcome);
      if (pending.length === 0) return;
      if (attempt >= this.retry.maxAttempts || this.halt.signal.aborted) return this.settle(pending, 'failed');
      await this.clock.sleep(this.backoffMs(attempt, outcome), this.halt.signal);
      if (this.halt.signal.aborted) return this.settle(pending, 'failed');
      this.counts.retried += pending.length;
    }
  }

  private async attempt(items: Batch<P, T>): Promise<SendOutcome> {
    this.counts.requests++;
    const sentAt = this.clock.now();
    let outcome: SendOutcome;
    try {
      outcome = await this.options.send(
        items.map((item) => item.payload),
        items.map((item) => item.id),
      );
    } catch (error) {
      outcome = { kind: 'retry', reason: describeError(error) };
    }
    this.latencies.record(this.clock.now() - sentAt);
    const label = responseLabel(outcome);
    this.responses[label] = (this.responses[label] ?? 0) + 1;
    if (outcome.kind !== 'accepted') this.lastError = outcome.reason;
    return outcome;
  }

  /** Settles what the outcome decided and returns the items to send again. */
  private applyOutcome(items: Batch<P, T>, outcome: SendOutcome): Batch<P, T> {
    switch (outcome.kind) {
      case 'accepted':
        this.settle(items, 'accepted');
        return [];
      case 'rejected':
        this.settle(items, 'rejected');
        if (outcome.fatal) this.haltRun(outcome.reason);
        return [];
      case 'partial': {
        const failedIds = new Set(outcome.failedIds);
        this.settle(
          items.filter((item) => !failedIds.has(item.id)),
          'accepted',
        );
        return items.filter((item) => failedIds.has(item.id));
      }
      case 'retry':
        return items;
    }
  }

  /** Full jitter, but never sooner than the receiver asked for (Retry-After). */
  private backoffMs(attempt: number, outcome: SendOutcome): number {
    const jittered = fullJitterDelay(attempt, { ...this.retry, random: this.random });
    const asked = outcome.kind === 'partial' || outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, Math.min(asked, this.retry.maxRetryAfterMs));
  }

  private haltRun(reason: string): void {
    this.fatalError ??= reason;
    this.stopReason = 'fatal';
    this.halt.abort();
    this.generation.abort();
  }

  private settle(items: Batch<P, T>, outcome: ItemOutcome): void {
    if (items.length === 0) return;
    this.counts[outcome] += items.length;
    this.options.onSettled?.(items, outcome);
  }

  private reportProgress(now: number): void {
    this.rateSamples.push({ at: now, generated: this.counts.generated });
    while (this.rateSamples.length > 2 && now - (this.rateSamples[1]?.at ?? now) >= RATE_WINDOW_MS) this.rateSamples.shift();
    const oldest = this.rateSamples[0] ?? { at: this.startedAt, generated: 0 };
    const windowMs = now - oldest.at;
    const rate = windowMs > 0 ? ((this.counts.generated - oldest.generated) * 1000) / windowMs : this.overallRate(now);
    this.options.onProgress?.(this.stats(now, rate, this.latencies.latest()));
  }

  private overallRate(now: number): number {
    const elapsed = (this.generationEndedAt ?? now) - this.startedAt;
    return elapsed > 0 ? (this.counts.generated * 1000) / elapsed : 0;
  }

  private stats(now: number, rate: number, latencyMs: LatencySummary): TrafficStats {
    const queued = this.open.length + this.waiting.reduce((sum, batch) => sum + batch.length, 0);
    const stats: TrafficStats = {
      elapsedMs: now - this.startedAt,
      targetRate: this.options.rate,
      rate,
      ...this.counts,
      responses: { ...this.responses },
      inFlight: this.inFlight,
      queued,
      active: this.options.generator.activeCount(),
      counters: { ...this.options.generator.counters?.() },
      latencyMs,
    };
    if (this.lastError !== undefined) stats.lastError = this.lastError;
    return stats;
  }

  private summary(): TrafficSummary {
    const now = this.clock.now();
    const summary: TrafficSummary = {
      ...this.stats(now, this.overallRate(now), this.latencies.overall()),
      stopReason: this.stopReason ?? 'aborted',
    };
    if (this.fatalError !== undefined) summary.fatalError = this.fatalError;
    return summary;
  }
}

/**
 * Runs a generator against a sender until the duration or item limit is reached, the generator runs dry,
 * the signal aborts, or the receiver gives a fatal answer; then delivers what is still pending and
 * resolves with the totals. Never rejects because of delivery errors: they are counted.
 */
export async function runTraffic<P, T = undefined>(options: RunTrafficOptions<P, T>): Promise<TrafficSummary> {
  return new TrafficRun(options).run();
}
