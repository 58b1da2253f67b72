// Usage-plan limits: the token bucket and the UTC calendar periods of quotas.
import { QuotaCounter, quotaPeriodStart, TokenBucket } from '../../../../../scripts/local/api-gateway/usage-limits';

const at = (iso: string): number => Date.parse(iso);

describe('TokenBucket', () => {
  it('allows the burst at once and refills at the rate, never above the burst', () => {
    const start = at('2026-11-26T08:00:00Z');
    const bucket = new TokenBucket(10, 3, start);

    expect([1, 2, 3, 4].map(() => bucket.tryTake(start))).toEqual([true, true, true, false]);
    expect(bucket.tryTake(start + 100)).toBe(true);
    expect(bucket.tryTake(start + 100)).toBe(false);
    const afterLongPause = start + 60_000;
    expect([1, 2, 3, 4].map(() => bucket.tryTake(afterLongPause))).toEqual([true, true, true, false]);
  });
});

describe('quotaPeriodStart', () => {
  it.each([
    ['DAY', 0, '2026-11-26T08:30:00Z', '2026-11-26T00:00:00Z'],
    // 2026-11-26 is a Thursday.
    ['WEEK', 0, '2026-11-26T08:30:00Z', '2026-11-22T00:00:00Z'],
    ['WEEK', 4, '2026-11-26T08:30:00Z', '2026-11-26T00:00:00Z'],
    ['WEEK', 5, '2026-11-26T08:30:00Z', '2026-11-20T00:00:00Z'],
    ['MONTH', 0, '2026-11-26T08:30:00Z', '2026-11-01T00:00:00Z'],
    ['MONTH', 26, '2026-11-26T08:30:00Z', '2026-10-27T00:00:00Z'],
    ['MONTH', 14, '2026-01-10T00:00:00Z', '2025-12-15T00:00:00Z'],
  ] as const)('%s with offset %i contains %s from %s', (period, offset, now, start) => {
    expect(new Date(quotaPeriodStart(at(now), period, offset)).toISOString()).toBe(new Date(at(start)).toISOString());
  });
});

describe('QuotaCounter', () => {
  it('counts requests per period and starts again in the next one', () => {
    const quota = new QuotaCounter(2, 'WEEK', 0);

    expect([at('2026-11-22T00:00:00Z'), at('2026-11-25T00:00:00Z'), at('2026-11-28T23:59:59Z')].map((now) => quota.tryConsume(now))).toEqual([true, true, false]);
    expect(quota.tryConsume(at('2026-11-29T00:00:00Z'))).toBe(true);
  });
});
