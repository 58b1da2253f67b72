// Traffic runner on virtual time: batching and linger, retries (429, 503 partial, errors), halting, aborting, totals.
import type { RunnerClock, SendOutcome, TrafficGenerator, TrafficItem } from '../../../../scripts/simulate/traffic';
import { runTraffic, type RunTrafficOptions, type TrafficStats } from '../../../../scripts/simulate/traffic-runner';
import { exitCodeFor } from '../../../../scripts/simulate/simulator-cli';

const START = Date.parse('2026-11-26T08:00:00.000Z');

/**
 * Time moves only when every piece of work is waiting on a timer: then it jumps to the earliest one.
 * Results therefore depend on the code, never on how fast the machine is.
 */
class VirtualClock implements RunnerClock {
  private time = START;
  private order = 0;
  private timers: Array<{ at: number; order: number; fire: () => void }> = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = { at: this.time + Math.max(0, ms), order: this.order++, fire: (): void => finish() };
      const finish = (): void => {
        this.timers = this.timers.filter((candidate) => candidate !== timer);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  async run<R>(work: Promise<R>): Promise<R> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return work;
      const next = [...this.timers].sort((left, right) => left.at - right.at || left.order - right.order)[0];
      if (next === undefined) throw new Error('Deadlock: nothing is scheduled and the run has not finished');
      this.time = Math.max(this.time, next.at);
      next.fire();
    }
  }
}

interface Numbered {
  n: number;
  at: number;
}

function countingGenerator(): TrafficGenerator<Numbered> {
  let n = 0;
  return {
    next: (nowMs) => {
      n++;
      return { id: `e-${n}`, payload: { n, at: nowMs } };
    },
    activeCount: () => 1,
    counters: () => ({ emitted: n }),
  };
}

interface Call {
  ids: string[];
  at: number;
}

/** A receiver that answers from a script (then accepts), taking `latencyMs` of virtual time per request. */
function scriptedSender(
  clock: VirtualClock,
  script: Array<(ids: string[]) => SendOutcome | Error> = [],
  latencyMs = 5,
): { calls: Call[]; send: RunTrafficOptions<Numbered>['send'] } {
  const calls: Call[] = [];
  return {
    calls,
    send: async (payloads, ids) => {
      expect(payloads.map((payload) => `e-${payload.n}`)).toEqual(ids);
      const index = calls.push({ ids: [...ids], at: clock.now() }) - 1;
      await clock.sleep(latencyMs);
      const answer = script[index]?.([...ids]) ?? { kind: 'accepted', status: 202 };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

function run(
  clock: VirtualClock,
  options: Omit<RunTrafficOptions<Numbered>, 'generator' | 'clock' | 'random'> & { generator?: TrafficGenerator<Numbered> },
): ReturnType<typeof runTraffic<Numbered>> {
  return clock.run(
    runTraffic<Numbered>({ generator: countingGenerator(), clock, random: () => 0.5, ...options }),
  );
}

const sentIds = (calls: readonly Call[]): string[] => calls.flatMap((call) => call.ids);
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, index) => `e-${from + index}`);

describe('runTraffic batching', () => {
  it('sends every item once, in order, in batches of at most batchSize', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock);

    const summary = await run(clock, { send, rate: 1_000, maxItems: 1_050, batchSize: 100, concurrency: 4 });

    expect(sentIds(calls)).toEqual(range(1, 1_050));
    expect(Math.max(...calls.map((call) => call.ids.length))).toBeLessThanOrEqual(100);
    expect(summary).toMatchObject({
      stopReason: 'item-limit',
      generated: 1_050,
      sent: 1_050,
      accepted: 1_050,
      rejected: 0,
      retried: 0,
      failed: 0,
      requests: calls.length,
      responses: { '202': calls.length },
      queued: 0,
      inFlight: 0,
      counters: { emitted: 1_050 },
    });
  });

  it('flushes a partial batch once its first item has lingered', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock);

    await run(clock, { send, rate: 10, maxItems: 20, batchSize: 100, lingerMs: 200 });

    // At 10 items/s a 200 ms linger closes a batch after at most three items, far below the batch size.
    expect(sentIds(calls)).toEqual(range(1, 20));
    expect(Math.max(...calls.map((call) => call.ids.length))).toBeLessThanOrEqual(3);
  });

  it('generates rate × duration items on the fixed schedule and stamps them with the clock', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock);
    const stamps: number[] = [];

    const summary = await run(clock, {
      send,
      rate: 100,
      durationMs: 2_000,
      onSettled: (items) => stamps.push(...items.map((item) => item.payload.at)),
    });

    expect(summary).toMatchObject({ stopReason: 'duration', generated: 200, accepted: 200 });
    expect(summary.rate).toBeCloseTo(100, 6);
    expect(sentIds(calls)).toHaveLength(200);
    expect(Math.min(...stamps)).toBe(START);
    expect(Math.max(...stamps)).toBeLessThan(START + 2_000);
  });

  it('pauses generation instead of queueing without bound when the receiver is slower than the rate', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock, [], 1_000);

    const summary = await run(clock, { send, rate: 1_000, durationMs: 3_000, batchSize: 100, concurrency: 1 });

    // One request per second of 100 items can carry a few hundred items in 3 s, not the 3,000 asked for.
    expect(summary.generated).toBeLessThan(1_000);
    expect(summary).toMatchObject({ accepted: summary.generated, failed: 0, queued: 0 });
    expect(sentIds(calls)).toEqual(range(1, summary.generated));
  });
});

describe('runTraffic retries', () => {
  it('after a 503 naming failed ids, resends exactly those ids', async () => {
    const clock = new VirtualClock();
    const failed: string[] = [];
    const { calls, send } = scriptedSender(clock, [
      (ids) => {
        failed.push(ids[1] as string, ids[4] as string);
        return { kind: 'partial', status: 503, failedIds: failed, retryAfterMs: 1_000, reason: '503 partial' };
      },
    ]);

    const summary = await run(clock, { send, rate: 1_000, maxItems: 10, batchSize: 10 });

    expect(calls.map((call) => call.ids)).toEqual([range(1, 10), failed]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1_000);
    expect(summary).toMatchObject({
      generated: 10,
      sent: 10,
      accepted: 10,
      retried: 2,
      failed: 0,
      requests: 2,
      responses: { '202': 1, '503': 1 },
    });
  });

  it('after a 429, resends the whole batch no sooner than Retry-After', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock, [
      () => ({ kind: 'retry', status: 429, retryAfterMs: 2_000, reason: '429 Too Many Requests' }),
    ]);

    const summary = await run(clock, { send, rate: 1_000, maxItems: 5, batchSize: 5 });

    expect(calls.map((call) => call.ids)).toEqual([range(1, 5), range(1, 5)]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2_000);
    expect(summary).toMatchObject({ accepted: 5, retried: 5, failed: 0, responses: { '202': 1, '429': 1 } });
    expect(summary.lastError).toBe('429 Too Many Requests');
  });

  it('retries a request that threw, as a transport error', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock, [() => new Error('fetch failed', { cause: new Error('ECONNRESET') })]);

    const summary = await run(clock, { send, rate: 1_000, maxItems: 3, batchSize: 3 });

    expect(calls).toHaveLength(2);
    expect(summary).toMatchObject({ accepted: 3, retried: 3, failed: 0, responses: { '202': 1, network: 1 } });
    expect(summary.lastError).toBe('fetch failed: ECONNRESET');
  });

  it('gives up after maxAttempts and counts the items as failed', async () => {
    const clock = new VirtualClock();
    const unavailable = (): SendOutcome => ({ kind: 'retry', status: 503, reason: '503 Service Unavailable' });
    const { calls, send } = scriptedSender(clock, Array.from({ length: 10 }, () => unavailable));

    const summary = await run(clock, { send, rate: 1_000, maxItems: 4, batchSize: 4, retry: { maxAttempts: 3 } });

    expect(calls).toHaveLength(3);
    expect(summary).toMatchObject({ sent: 4, accepted: 0, retried: 8, failed: 4, requests: 3 });
    expect(exitCodeFor(summary)).toBe(1);
  });

  it('does not retry a rejected batch', async () => {
    const clock = new VirtualClock();
    const { calls, send } = scriptedSender(clock, [
      () => ({ kind: 'rejected', status: 400, reason: '400 Invalid request (events[0].page.url: Invalid URL)' }),
    ]);

    const summary = await run(clock, { send, rate: 1_000, maxItems: 6, batchSize: 3 });

    expect(calls.map((call) => call.ids)).toEqual([range(1, 3), range(4, 6)]);
    expect(summary).toMatchObject({ accepted: 3, rejected: 3, failed: 0, retried: 0, stopReason: 'item-limit' });
    expect(exitCodeFor(summary)).toBe(1);
  });
});

describe('runTraffic stopping', () => {
  it('halts on a fatal answer: stops generating and fails what was still pending', async () => {
    const clock = new VirtualClock();
    const forbidden = (): SendOutcome => ({ kind: 'rejected', fatal: true, status: 403, reason: '403 Forbidden' });
    const { calls, send } = scriptedSender(clock, Array.from({ length: 100 }, () => forbidden), 50);

    const summary = await run(clock, { send, rate: 1_000, durationMs: 60_000, batchSize: 10, concurrency: 1 });

    expect(summary.stopReason).toBe('fatal');
    expect(summary.fatalError).toBe('403 Forbidden');
    expect(calls).toHaveLength(1);
    expect(summary.generated).toBeLessThan(1_000);
    expect(summary.rejected).toBe(10);
    expect(summary.accepted).toBe(0);
    expect(summary.rejected + summary.failed).toBe(summary.generated);
  });

  it('on abort, stops generating, delivers what was generated, and reports "aborted"', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const { calls, send } = scriptedSender(clock, [
      () => ({ kind: 'accepted', status: 202 }),
      () => {
        controller.abort();
        return { kind: 'retry', status: 429, reason: '429 Too Many Requests' };
      },
    ]);

    const summary = await run(clock, { send, rate: 100, durationMs: 60_000, batchSize: 5, signal: controller.signal });

    expect(summary.stopReason).toBe('aborted');
    expect(summary.generated).toBeLessThan(6_000);
    expect(summary).toMatchObject({ accepted: summary.generated, failed: 0, queued: 0 });
    expect(new Set(sentIds(calls))).toEqual(new Set(range(1, summary.generated)));
    expect(exitCodeFor(summary)).toBe(0);
  });

  it('stops when a finite generator runs dry', async () => {
    const clock = new VirtualClock();
    const { send } = scriptedSender(clock);
    let left = 7;
    const generator: TrafficGenerator<Numbered> = {
      next: (nowMs) => (left-- > 0 ? { id: `e-${7 - left}`, payload: { n: 7 - left, at: nowMs } } : undefined),
      activeCount: () => 0,
    };

    const summary = await run(clock, { generator, send, rate: 1_000, durationMs: 10_000 });

    expect(summary).toMatchObject({ stopReason: 'exhausted', generated: 7, accepted: 7 });
  });
});

describe('runTraffic reporting', () => {
  it('reports progress while running and settles each item exactly once', async () => {
    const clock = new VirtualClock();
    const { send } = scriptedSender(clock, [
      (ids) => ({ kind: 'partial', status: 503, failedIds: ids.slice(0, 2), reason: '503 partial' }),
    ]);
    const progress: TrafficStats[] = [];
    const settled = new Map<string, string>();

    const summary = await run(clock, {
      send,
      rate: 200,
      durationMs: 5_000,
      progressIntervalMs: 500,
      onProgress: (stats) => progress.push(stats),
      onSettled: (items: ReadonlyArray<TrafficItem<Numbered>>, outcome) => {
        for (const item of items) {
          expect(settled.has(item.id)).toBe(false);
          settled.set(item.id, outcome);
        }
      },
    });

    expect(progress.length).toBeGreaterThanOrEqual(9);
    const elapsed = progress.map((stats) => stats.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((left, right) => left - right));
    expect(progress.at(-1)!.generated).toBeLessThanOrEqual(summary.generated);
    expect(progress.some((stats) => stats.rate > 0 && stats.latencyMs.count > 0)).toBe(true);
    expect(settled.size).toBe(summary.generated);
    expect([...settled.values()].every((outcome) => outcome === 'accepted')).toBe(true);
    expect(summary.latencyMs.count).toBe(summary.requests);
    expect(summary.latencyMs.p50).toBe(5);
  });

  it('rejects invalid settings', async () => {
    const clock = new VirtualClock();
    const { send } = scriptedSender(clock);
    const generator = countingGenerator();
    await expect(runTraffic({ generator, send, rate: 0, clock })).rejects.toThrow(RangeError);
    await expect(runTraffic({ generator, send, rate: 10, batchSize: 501, clock })).rejects.toThrow(RangeError);
    await expect(runTraffic({ generator, send, rate: 10, concurrency: 0, clock })).rejects.toThrow(RangeError);
  });
});
