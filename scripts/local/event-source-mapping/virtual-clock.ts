// A discrete-event clock for tests: time jumps to the next sleeper once every in-memory task has run, so "wait 1 s" costs nothing.
import type { Clock } from './clock';

interface Sleeper {
  wakeAt: number;
  order: number;
  wake: () => void;
}

/**
 * Virtual time advances only when the process has nothing else to do: after two event-loop turns with no new
 * microtasks, the earliest sleeper wakes and `now()` jumps to its wake time. Everything built on promises over
 * in-memory fakes therefore runs in a deterministic order, and timers never slow a test down.
 */
export class VirtualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  private nextOrder = 0;
  private tickScheduled = false;

  constructor(startMs = Date.UTC(2025, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward at once, as if the process had been paused (to age records, expire iterators). */
  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = {
        wakeAt: this.current + Math.max(0, ms),
        order: this.nextOrder++,
        wake: () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        },
      };
      const cancel = (): void => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper);
        sleeper.wake();
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.sleepers.push(sleeper);
      this.sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.order - b.order);
      this.scheduleTick();
    });
  }

  private scheduleTick(): void {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    // Two turns of the event loop: pending microtasks and immediates of the code under test run first.
    setImmediate(() =>
      setImmediate(() => {
        this.tickScheduled = false;
        const next = this.sleepers.shift();
        if (next === undefined) return;
        this.current = Math.max(this.current, next.wakeAt);
        next.wake();
        if (this.sleepers.length > 0) this.scheduleTick();
      }),
    );
  }
}
