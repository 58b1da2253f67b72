// Unit tests: applyEvents (sequence dedupe, BigInt comparison, out-of-order events, funnel, TTL, idempotence).
import fc from 'fast-check';
import type { ClickEvent } from '../../../../shared/events/clickstream';
import { MAX_SESSION_PAGES, type SessionState } from '../../../../shared/clickstream/session-state';
import {
  applyEvents,
  compareSequenceNumbers,
  UNCHANGED,
  type SequencedClickEvent,
} from '../../../../shared/clickstream/sessions';
import { clickEvent, uuid } from '../fixtures/clickstream';

const SHARD = 'shardId-000000000000';
const TTL_DAYS = 30;

const at = (seq: number | string, overrides: Partial<ClickEvent> = {}, shardId = SHARD): SequencedClickEvent => ({
  shardId,
  sequenceNumber: String(seq),
  event: clickEvent({ eventId: uuid(Number(String(seq).slice(-6))), ...overrides }),
});
const page = (path: string) => ({ url: `https://shop.example.com${path}`, path });

function applied(state: SessionState | undefined, records: SequencedClickEvent[]): SessionState {
  const next = applyEvents(state, records, TTL_DAYS);
  if (next === UNCHANGED) throw new Error('expected a change');
  return next;
}

describe('applyEvents', () => {
  it('starts a session from its first records', () => {
    const state = applied(undefined, [
      at(1, { occurredAt: '2026-11-02T10:00:00.000Z', page: page('/') }),
      at(2, { occurredAt: '2026-11-02T10:05:00.000Z', page: page('/shoes'), eventType: 'product_view', geo: { country: 'DE' } }),
    ]);
    expect(state).toEqual({
      sessionId: 'session-1',
      anonymousId: 'anon-1',
      firstSeenAt: '2026-11-02T10:00:00.000Z',
      lastSeenAt: '2026-11-02T10:05:00.000Z',
      eventCount: 2,
      pageViews: 1,
      pages: ['/', '/shoes'],
      entryPage: '/',
      exitPage: '/shoes',
      deviceType: 'desktop',
      country: 'DE',
      funnel: { viewedProduct: true, addedToCart: false, startedCheckout: false, purchased: false },
      revenue: 0,
      lastSequenceByShard: { [SHARD]: '2' },
      expiresAt: Date.parse('2026-11-02T10:05:00.000Z') / 1000 + TTL_DAYS * 86_400,
    });
  });

  it('skips records at or below the last applied sequence number of their shard', () => {
    const first = applied(undefined, [at(1), at(2)]);
    expect(applyEvents(first, [at(1), at(2)], TTL_DAYS)).toBe(UNCHANGED);
    const next = applied(first, [at(2), at(3)]);
    expect(next.eventCount).toBe(3);
    expect(next.lastSequenceByShard).toEqual({ [SHARD]: '3' });
  });

  it('compares 56-digit AWS sequence numbers as BigInt, not as floats or strings', () => {
    const low = '49590338271490256608559692538361571095921575989136588898';
    const high = '49590338271490256608559692538361571095921575989136588899'; // equal as a float
    expect(Number(low)).toBe(Number(high));
    expect(compareSequenceNumbers(low, high)).toBe(-1);
    expect(compareSequenceNumbers('10', '9')).toBe(1); // string order would say -1

    const state = applied(undefined, [at(low)]);
    expect(applied(state, [at(high)]).eventCount).toBe(2);
    expect(applyEvents(state, [at(low)], TTL_DAYS)).toBe(UNCHANGED);
  });

  it('applies records of a batch in sequence order whatever order they are given in', () => {
    const state = applied(undefined, [at(3), at(1), at(2)]);
    expect(state.eventCount).toBe(3);
    expect(state.lastSequenceByShard[SHARD]).toBe('3');
  });

  it('tracks shards separately, so records from a child shard after resharding are applied', () => {
    const parent = applied(undefined, [at(900)]);
    const child = applied(parent, [at(5, {}, 'shardId-000000000002')]);
    expect(child.eventCount).toBe(2);
    expect(child.lastSequenceByShard).toEqual({ [SHARD]: '900', 'shardId-000000000002': '5' });
  });

  it('takes first/last seen and entry/exit pages by occurredAt, not arrival', () => {
    const state = applied(undefined, [
      at(1, { occurredAt: '2026-11-02T10:05:00.000Z', page: page('/b') }),
      at(2, { occurredAt: '2026-11-02T10:00:00.000Z', page: page('/a') }),
      at(3, { occurredAt: '2026-11-02T10:03:00.000Z', page: page('/c') }),
    ]);
    expect(state).toMatchObject({
      firstSeenAt: '2026-11-02T10:00:00.000Z',
      lastSeenAt: '2026-11-02T10:05:00.000Z',
      entryPage: '/a',
      exitPage: '/b',
      pages: ['/b', '/a', '/c'],
    });
    expect(state.expiresAt).toBe(Date.parse('2026-11-02T10:05:00.000Z') / 1000 + TTL_DAYS * 86_400);
  });

  it('sets funnel flags and sums purchase revenue', () => {
    const state = applied(undefined, [
      at(1, { eventType: 'product_view' }),
      at(2, { eventType: 'add_to_cart', properties: { revenue: 999 } }),
      at(3, { eventType: 'checkout_start' }),
      at(4, { eventType: 'purchase', properties: { revenue: 0.1 } }),
      at(5, { eventType: 'purchase', properties: { revenue: 0.2 } }),
      at(6, { eventType: 'purchase', properties: { revenue: 'free' } }),
    ]);
    expect(state.funnel).toEqual({ viewedProduct: true, addedToCart: true, startedCheckout: true, purchased: true });
    expect(state.revenue).toBe(0.3);
    expect(state.pageViews).toBe(0);
  });

  it('keeps the first userId and country seen and caps distinct pages', () => {
    const records = Array.from({ length: MAX_SESSION_PAGES + 5 }, (_, i) => at(i + 1, { page: page(`/p${i}`) }));
    records.push(at(100, { userId: 'u1', geo: { country: 'FR' } }), at(101, { userId: 'u2', geo: { country: 'DE' } }));
    const state = applied(undefined, records);
    expect(state.pages).toHaveLength(MAX_SESSION_PAGES);
    expect(state.userId).toBe('u1');
    expect(state.country).toBe('FR');
  });

  it('returns unchanged for no records', () => {
    expect(applyEvents(undefined, [], TTL_DAYS)).toBe(UNCHANGED);
  });

  it('is idempotent: applying the same records twice equals applying them once', () => {
    const recordArb = fc.record({
      seq: fc.bigInt({ min: 1n, max: 10n ** 56n }),
      shard: fc.constantFrom('shardId-000000000000', 'shardId-000000000001'),
      minute: fc.integer({ min: 0, max: 59 }),
      eventType: fc.constantFrom('page_view', 'product_view', 'add_to_cart', 'purchase' as const),
      path: fc.constantFrom('/', '/a', '/b'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(recordArb, { maxLength: 20, selector: (r) => r.seq }), fc.nat(20), (raw, split) => {
        // Stream order: a shard's records by sequence number, a parent shard (…0) before its child (…1).
        // Lambda redelivers from a point in that order, which `split` models.
        const inStreamOrder = [...raw].sort((a, b) => a.shard.localeCompare(b.shard) || (a.seq < b.seq ? -1 : 1));
        const records = inStreamOrder.map((r) =>
          at(
            r.seq.toString(),
            {
              eventType: r.eventType,
              occurredAt: `2026-11-02T10:${String(r.minute).padStart(2, '0')}:00.000Z`,
              page: page(r.path),
            },
            r.shard,
          ),
        );
        const once = applyEvents(undefined, records, TTL_DAYS);
        const stateOnce = once === UNCHANGED ? undefined : once;
        expect(applyEvents(stateOnce, records, TTL_DAYS)).toBe(UNCHANGED);
        // A redelivery that overlaps what was applied (Lambda retrying from a failed record) converges too.
        const prefix = applyEvents(undefined, records.slice(0, split), TTL_DAYS);
        const resumed = applyEvents(prefix === UNCHANGED ? undefined : prefix, records, TTL_DAYS);
        expect(resumed === UNCHANGED ? (prefix === UNCHANGED ? undefined : prefix) : resumed).toEqual(stateOnce);
      }),
      { seed: 20261102, numRuns: 200 },
    );
  });
});
