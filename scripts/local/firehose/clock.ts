// Time and randomness for the Firehose emulator: the wall clock for the local cloud, manual ones that tests step by hand.
import { randomBytes, randomUUID } from 'node:crypto';

export interface TimerHandle {
  cancel(): void;
}

/** Buffering intervals and retry backoff both go through this, so a test decides when time passes. */
export interface FirehoseClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

export const systemClock: FirehoseClock = {
  now: () => Date.now(),
  setTimer: (delayMs, callback) => {
    const timer = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
};

interface ScheduledTimer {
  dueAt: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/** Time stands still until `advanceBy`, which fires every timer that falls due, in order, at its own instant. */
export class ManualClock implements FirehoseClock {
  private current: number;
  private timers: ScheduledTimer[] = [];
  private nextOrder = 0;

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer: ScheduledTimer = { dueAt: this.current + Math.max(0, delayMs), order: this.nextOrder++, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  advanceBy(ms: number): void {
    const target = this.current + ms;
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.timers = this.timers.filter((timer) => timer !== next);
      this.current = next.dueAt;
      next.callback();
    }
    this.current = target;
  }

  pendingTimers(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }

  private nextDue(target: number): ScheduledTimer | undefined {
    this.timers = this.timers.filter((timer) => !timer.cancelled);
    return this.timers
      .filter((timer) => timer.dueAt <= target)
      .sort((a, b) => a.dueAt - b.dueAt || a.order - b.order)[0];
  }
}

/** Object-name UUIDs, `!{firehose:random-string}` and RecordIds come from here, so keys are predictable in tests. */
export interface RandomSource {
  uuid(): string;
  bytes(length: number): Uint8Array;
}

export const cryptoRandom: RandomSource = {
  uuid: () => randomUUID(),
  bytes: (length) => randomBytes(length),
};

/** A counter dressed as randomness: uuid N is 00000000-0000-4000-8000-00000000000N, bytes count up from 0. */
export class SequentialRandom implements RandomSource {
  private uuids = 0;
  private nextByte = 0;

  uuid(): string {
    this.uuids += 1;
    return `00000000-0000-4000-8000-${this.uuids.toString(16).padStart(12, '0')}`;
  }

  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.nextByte++ % 256);
  }
}
