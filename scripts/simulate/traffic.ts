// Contracts between a simulator's generator, its sender and the traffic runner; nothing here knows a domain.

/**
 * One generated item. `truth` carries what a simulator knows but the payload must not reveal (is this
 * transaction fraudulent? is this sensor faulty?), so evaluation can compare it with what the pipeline found.
 */
export interface TrafficItem<P, T = undefined> {
  /** Unique per item; the API names failed items by it, so only those are sent again. */
  id: string;
  payload: P;
  truth?: T;
}

/**
 * Produces items in the order they should be sent. Pure given its seed and the `nowMs` values it is called
 * with: the runner decides *when* (rate control), the generator decides *what* (sessions, devices, cards).
 */
export interface TrafficGenerator<P, T = undefined> {
  /** The next item, stamped as happening at `nowMs` (epoch ms); undefined when a finite source is exhausted. */
  next(nowMs: number): TrafficItem<P, T> | undefined;
  /** Entities in progress (open sessions, reporting devices), for the progress line. */
  activeCount(): number;
  /** Domain counters worth showing (sessions started, purchases …), in display order. */
  counters?(): Readonly<Record<string, number>>;
}

/** What became of one request. A sender maps its transport's answers onto these; the runner acts on them. */
export type SendOutcome =
  | { kind: 'accepted'; status?: number }
  /** Some items were not taken and are worth sending again (HTTP 503 naming the failed ids). */
  | { kind: 'partial'; failedIds: readonly string[]; retryAfterMs?: number; status?: number; reason: string }
  /** Nothing was taken, but trying again later may work: throttling, an overloaded or unreachable endpoint. */
  | { kind: 'retry'; retryAfterMs?: number; status?: number; reason: string }
  /**
   * The items will never be taken as they are (invalid, too large). `fatal` means no later request can
   * succeed either (wrong key, wrong URL), so the run stops instead of failing one batch at a time.
   */
  | { kind: 'rejected'; fatal?: boolean; status?: number; reason: string };

/** Sends one batch. Throwing counts as a retryable transport error. */
export type SendBatch<P> = (payloads: readonly P[], ids: readonly string[]) => Promise<SendOutcome>;

/** Time as the runner sees it; tests pass a virtual clock so nothing depends on real time. */
export interface RunnerClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or early (without rejecting) once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: RunnerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
