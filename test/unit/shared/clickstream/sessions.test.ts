// Unit tests: applyEvents (sequence dedupe, client resends, BigInt comparison, out-of-order events, funnel, TTL, idempotence).
import fc from 'fast-check';
import type { ClickEvent } from '../../../../shared/events/clickstream';
import {
  MAX_SESSION_PAGES,
  RECENT_EVENT_IDS_PER_SESSION,
  sessionStateSchema,
  type SessionState,
} from '../../../../shared/clickstream/session-state';
import {
  applyEvents,
  compareSequenceNumbers,
  UNCHANGED,
  type SequencedClickEvent,
} from '../../../../shared/clickstream/sessions';
import { compactEventId } from '../../../../shared/streams/recent-event-ids';
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
      recentEventIds: compactEventId(uuid(1)) + compactEventId(uuid(2)),
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
        const records = inStreamOrder.map((r, index) =>
          at(
            r.seq.toString(),
            {
              eventId: uuid(index + 1),
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

describe('applyEvents with client resends (same eventId, new record)', () => {
  /** The event of stream record `seq` sent again by the client: a new record at `resentAs`, the same eventId. */
  const resend = (seq: number, resentAs: number, overrides: Partial<ClickEvent> = {}): SequencedClickEvent =>
    at(resentAs, { eventId: uuid(seq), ...overrides });

  it('does not count a resend in a later batch, and needs no write for it', () => {
    const purchase = { eventType: 'purchase', properties: { revenue: 20 } } as const;
    const state = applied(undefined, [at(1), at(2, purchase)]);
    expect(applyEvents(state, [resend(2, 7, purchase), resend(1, 8)], TTL_DAYS)).toBe(UNCHANGED);
    const next = applied(state, [resend(1, 9), at(10)]);
    expect(next).toMatchObject({ eventCount: 3, pageViews: 2, revenue: 20, lastSequenceByShard: { [SHARD]: '10' } });
  });

  it('counts an event once when its resend arrives in the same batch', () => {
    const state = applied(undefined, [at(1), resend(1, 2), at(3), resend(3, 4)]);
    expect(state).toMatchObject({ eventCount: 2, pageViews: 2, lastSequenceByShard: { [SHARD]: '3' } });
  });

  it('counts a different event with a different id, even with identical content', () => {
    const state = applied(undefined, [at(1, { occurredAt: '2026-11-02T10:00:00.000Z' })]);
    expect(applied(state, [at(2, { occurredAt: '2026-11-02T10:00:00.000Z' })]).eventCount).toBe(2);
  });

  it('recognises the id in either letter case: one UUID', () => {
    const state = applied(undefined, [at(1, { eventId: 'ABCDEF01-2345-4678-9ABC-DEF012345678' })]);
    expect(applyEvents(state, [at(2, { eventId: 'abcdef01-2345-4678-9abc-def012345678' })], TTL_DAYS)).toBe(UNCHANGED);
  });

  it('remembers the last RECENT_EVENT_IDS_PER_SESSION ids: an older event resent counts again (the documented bound)', () => {
    const window = Array.from({ length: RECENT_EVENT_IDS_PER_SESSION }, (_, i) => at(i + 2));
    const state = applied(undefined, [at(1), ...window]);
    expect(applied(state, [resend(1, 100)]).eventCount).toBe(RECENT_EVENT_IDS_PER_SESSION + 2);
    expect(applyEvents(state, [resend(2, 100)], TTL_DAYS)).toBe(UNCHANGED);
    expect(state.recentEventIds).toHaveLength(RECENT_EVENT_IDS_PER_SESSION * 22);
  });

  it('leaves redelivery as it was: a redelivered batch with resends in it changes nothing', () => {
    const batch = [at(1), at(2), resend(1, 3), at(4)];
    const state = applied(undefined, batch);
    expect(state.eventCount).toBe(3);
    expect(applyEvents(state, batch, TTL_DAYS)).toBe(UNCHANGED);
    expect(applyEvents(state, batch.slice(2), TTL_DAYS)).toBe(UNCHANGED);
  });

  it('reads a session stored before event ids were remembered, and starts remembering them', () => {
    const { recentEventIds: _absent, ...stored } = applied(undefined, [at(1), at(2)]);
    const before = sessionStateSchema.parse(stored);
    expect(before.recentEventIds).toBeUndefined();
    const next = applied(before, [at(3)]);
    expect(next.eventCount).toBe(3);
    expect(applyEvents(next, [resend(3, 4)], TTL_DAYS)).toBe(UNCHANGED);
  });

  it('a stream with resends folds like the stream without them, also when redelivered from any point', () => {
    const eventArb = fc.record({
      minute: fc.integer({ min: 0, max: 59 }),
      eventType: fc.constantFrom('page_view', 'product_view', 'purchase' as const),
      revenue: fc.integer({ min: 0, max: 500 }),
    });
    // Each resend repeats an event at most RECENT_EVENT_IDS_PER_SESSION - 1 events back: within the bound.
    const streamArb = fc.record({
      events: fc.array(eventArb, { minLength: 1, maxLength: 30 }),
      resends: fc.array(fc.record({ after: fc.nat(), back: fc.nat(RECENT_EVENT_IDS_PER_SESSION - 1) }), { maxLength: 10 }),
      split: fc.nat(45),
    });
    fc.assert(
      fc.property(streamArb, ({ events, resends, split }) => {
        const originals = events.map((event, index) => ({
          eventId: uuid(index + 1),
          eventType: event.eventType,
          occurredAt: `2026-11-02T10:${String(event.minute).padStart(2, '0')}:00.000Z`,
          ...(event.eventType === 'purchase' ? { properties: { revenue: event.revenue } } : {}),
        }));
        const stream: Array<Partial<ClickEvent>> = [];
        originals.forEach((event, index) => {
          stream.push(event);
          for (const { after, back } of resends) {
            if (after % originals.length === index) stream.push(originals[Math.max(0, index - back)] as Partial<ClickEvent>);
          }
        });
        const withResends = stream.map((event, index) => at(index + 1, event));
        const withoutResends = withResends.filter((record, index) => stream.indexOf(stream[index] as Partial<ClickEvent>) === index);
        const expected = applyEvents(undefined, withoutResends, TTL_DAYS);
        expect(applyEvents(undefined, withResends, TTL_DAYS)).toEqual(expected);
        const prefix = applyEvents(undefined, withResends.slice(0, split), TTL_DAYS);
        const base = prefix === UNCHANGED ? undefined : prefix;
        const resumed = applyEvents(base, withResends, TTL_DAYS);
        expect(resumed === UNCHANGED ? base : resumed).toEqual(expected);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
