// The two limits of a usage plan, per API key: a token bucket (rate + burst) and a calendar quota (UTC).
import type { QuotaPeriod } from './rest-api-model';

/** Starts full (a burst is allowed at once) and refills at `ratePerSecond` up to `capacity`. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.refilledAt = now;
  }

  tryTake(now: number): boolean {
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const DAY_MS = 86_400_000;

function utcMidnight(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS) * DAY_MS;
}

/**
 * Start of the quota period containing `now`, in UTC. Offset: for WEEK the weekday the period starts on
 * (0 = Sunday), for MONTH the day of the month after the first (0 = the 1st); DAY has none.
 */
export function quotaPeriodStart(now: number, period: QuotaPeriod, offset: number): number {
  const today = utcMidnight(now);
  if (period === 'DAY') return today;
  if (period === 'WEEK') {
    const daysSinceStart = (new Date(today).getUTCDay() - offset + 7) % 7;
    return today - daysSinceStart * DAY_MS;
  }
  const date = new Date(today);
  const startThisMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1 + offset);
  return startThisMonth <= today ? startThisMonth : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1 + offset);
}

export class QuotaCounter {
  private periodStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly period: QuotaPeriod,
    private readonly offset: number,
  ) {}

  tryConsume(now: number): boolean {
    const start = quotaPeriodStart(now, this.period, this.offset);
    if (start !== this.periodStart) {
      this.periodStart = start;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }
}
