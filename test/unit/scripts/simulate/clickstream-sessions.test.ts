// Clickstream generator: reproducible from a seed, valid against the event contract, and shaped like real shopping sessions.
import {
  CLICK_EVENT_TYPES,
  clickEventSchema,
  clickstreamIngestRequestSchema,
  type ClickEvent,
} from '../../../../shared/events/clickstream';
import { createClickstreamGenerator } from '../../../../scripts/simulate/clickstream-sessions';
import { SITE_ORIGIN } from '../../../../scripts/simulate/clickstream-site';

const START = Date.parse('2026-11-26T08:00:00.000Z');

/** Events as the runner would draw them at `rate` per second, with a clock that ticks per event. */
function generate(seed: number | string, count: number, rate = 50, stepMs = 1000 / rate): ClickEvent[] {
  const generator = createClickstreamGenerator({ seed, targetRate: rate });
  return Array.from({ length: count }, (_, index) => {
    const item = generator.next(START + Math.floor(index * stepMs));
    if (item.id !== item.payload.eventId) throw new Error(`Item id ${item.id} is not the event id`);
    return item.payload;
  });
}

/** Collects rule violations so a test makes one assertion over thousands of events (expect() is slow in loops). */
function violationsOf<T>(items: readonly T[], check: (item: T) => string | undefined): string[] {
  return items.map(check).filter((problem): problem is string => problem !== undefined).slice(0, 5);
}

function bySession(events: readonly ClickEvent[]): ClickEvent[][] {
  const sessions = new Map<string, ClickEvent[]>();
  for (const event of events) {
    const session = sessions.get(event.sessionId);
    if (session === undefined) sessions.set(event.sessionId, [event]);
    else session.push(event);
  }
  return [...sessions.values()];
}

const withoutTime = ({ occurredAt: _occurredAt, ...event }: ClickEvent): Omit<ClickEvent, 'occurredAt'> => event;

describe('clickstream generator determinism', () => {
  it('produces the same events, ids included, for the same seed and clock', () => {
    expect(generate(42, 2_000)).toEqual(generate(42, 2_000));
  });

  it('treats a numeric seed and its text as the same seed', () => {
    expect(generate(7, 200)).toEqual(generate('7', 200));
  });

  it('produces different events for a different seed', () => {
    const first = generate(42, 500);
    const second = generate(43, 500);
    const firstIds = new Set(first.map((event) => event.eventId));
    expect(second.filter((event) => firstIds.has(event.eventId))).toHaveLength(0);
    expect(second.map((event) => event.eventType)).not.toEqual(first.map((event) => event.eventType));
  });

  it('takes only the timestamps from the clock', () => {
    const steady = generate(42, 1_000, 50, 20);
    const bursty = generate(42, 1_000, 50, 3);
    expect(bursty.map(withoutTime)).toEqual(steady.map(withoutTime));
    expect(bursty.map((event) => event.occurredAt)).not.toEqual(steady.map((event) => event.occurredAt));
  });
});

describe('clickstream generator sizing', () => {
  const activeAfter = (events: number, options: { thinkTimeScale?: number } = {}): number => {
    const generator = createClickstreamGenerator({ seed: 1, targetRate: 100, ...options });
    for (let index = 0; index < events; index++) generator.next(START + index * 10);
    return generator.activeCount();
  };

  it('keeps a crowd sized by rate × think time, so shorter think times mean fewer, faster sessions', () => {
    const normal = activeAfter(5_000);
    const brisk = activeAfter(5_000, { thinkTimeScale: 0.25 });
    expect(normal).toBeGreaterThan(500);
    expect(normal).toBeLessThan(1_000);
    expect(brisk).toBeLessThan(normal / 2);
  });

  it('rejects a rate or scale that is not positive', () => {
    expect(() => createClickstreamGenerator({ seed: 1, targetRate: 0 })).toThrow(RangeError);
    expect(() => createClickstreamGenerator({ seed: 1, targetRate: 1, thinkTimeScale: 0 })).toThrow(RangeError);
  });
});

describe('clickstream events', () => {
  const events = generate(42, 20_000);

  it('are valid against the event contract, in ingest-sized batches', () => {
    const sample = events.slice(0, 5_000);
    expect(violationsOf(sample, (event) => clickEventSchema.safeParse(event).error?.message)).toEqual([]);
    const batches = Array.from({ length: 10 }, (_, index) => sample.slice(index * 500, (index + 1) * 500));
    expect(violationsOf(batches, (batch) => clickstreamIngestRequestSchema.safeParse({ events: batch }).error?.message)).toEqual([]);
  });

  it('have unique ids and UTC millisecond timestamps', () => {
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    const utcMillis = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(violationsOf(events, (event) => (utcMillis.test(event.occurredAt) ? undefined : event.occurredAt))).toEqual([]);
  });

  it('carry no network or raw client data', () => {
    const text = JSON.stringify(events.slice(0, 2_000));
    expect(text).not.toMatch(/"(ip|ipAddress|sourceIp|userAgent|user_agent|email)"/i);
  });

  it('use every event type', () => {
    expect(new Set(events.map((event) => event.eventType))).toEqual(new Set(CLICK_EVENT_TYPES));
  });
});

describe('clickstream sessions follow the journey', () => {
  const sessions = bySession(generate(42, 30_000));

  it('keep time order, visitor, and device within a session', () => {
    const problems = violationsOf(sessions, (session) => {
      const times = session.map((event) => event.occurredAt);
      if (times.some((time, index) => index > 0 && time < times[index - 1]!)) return `${session[0]!.sessionId}: out of order`;
      if (new Set(session.map((event) => event.anonymousId)).size !== 1) return `${session[0]!.sessionId}: visitor changed`;
      if (new Set(session.map((event) => JSON.stringify(event.device))).size !== 1) return `${session[0]!.sessionId}: device changed`;
      // Visitors may sign in during a session (at checkout) but never sign out or switch accounts.
      const userIds = session.map((event) => event.userId);
      const firstSignedIn = userIds.findIndex((userId) => userId !== undefined);
      const signedOut = firstSignedIn >= 0 && userIds.slice(firstSignedIn).some((userId) => userId !== userIds[firstSignedIn]);
      return signedOut ? `${session[0]!.sessionId}: user changed` : undefined;
    });
    expect(problems).toEqual([]);
  });

  it('give a returning visitor a new session only after the previous one ended', () => {
    const byVisitor = new Map<string, ClickEvent[][]>();
    for (const session of sessions) byVisitor.set(session[0]!.anonymousId, [...(byVisitor.get(session[0]!.anonymousId) ?? []), session]);
    const returning = [...byVisitor.values()].filter((visits) => visits.length > 1);
    const problems = violationsOf(returning, (visits) =>
      visits.some((visit, index) => index > 0 && visit[0]!.occurredAt < visits[index - 1]!.at(-1)!.occurredAt)
        ? `${visits[0]![0]!.anonymousId}: overlapping sessions`
        : undefined,
    );
    expect(returning.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('start on a landing page, reached from outside the shop or typed in', () => {
    const problems = violationsOf(sessions, ([first]) => {
      if (!['page_view', 'product_view', 'search'].includes(first!.eventType)) return `starts with ${first!.eventType}`;
      return first!.referrer?.startsWith(SITE_ORIGIN) ? `internal referrer ${first!.referrer}` : undefined;
    });
    expect(problems).toEqual([]);
  });

  it('refer each navigation to the page before it', () => {
    const pairs = sessions.flatMap((session) => session.slice(1).map((event, index) => [session[index]!, event] as const));
    const problems = violationsOf(pairs, ([previous, event]) => {
      // Same address: an action on the page (click, add to cart) keeps its referrer; a reload refers to itself.
      const expected = event.page.url !== previous.page.url ? [previous.page.url] : [previous.referrer, previous.page.url];
      return expected.includes(event.referrer) ? undefined : `${event.eventId}: referrer ${event.referrer}`;
    });
    expect(problems).toEqual([]);
  });

  it('view products on product pages and add to the cart the product being viewed', () => {
    const problems = violationsOf(sessions, (session) => {
      let viewing: unknown;
      for (const event of session) {
        if (event.eventType === 'product_view') {
          const number = /^\/products\/(\d+)$/.exec(event.page.path)?.[1];
          if (event.properties?.productId !== `p-${number}`) return `${event.eventId}: product page mismatch`;
          viewing = event.properties?.productId;
        }
        if (event.eventType === 'add_to_cart' && event.properties?.productId !== viewing) {
          return `${event.eventId}: added a product not being viewed`;
        }
      }
      return undefined;
    });
    expect(problems).toEqual([]);
  });

  it('check out only with a filled cart, and purchase right after checking out, for the cart value', () => {
    const problems = violationsOf(sessions, (session) => {
      for (const [index, event] of session.entries()) {
        const earlier = session.slice(0, index);
        if (event.eventType === 'checkout_start') {
          if (!earlier.some((before) => before.eventType === 'add_to_cart')) return `${event.eventId}: checkout without add_to_cart`;
          if (!((event.properties?.cartItems as number) > 0)) return `${event.eventId}: checkout with an empty cart`;
        }
        if (event.eventType === 'purchase') {
          const previous = earlier.at(-1);
          if (previous?.eventType !== 'checkout_start') return `${event.eventId}: purchase not after checkout_start`;
          if (event.properties?.revenue !== previous.properties?.cartValue) return `${event.eventId}: revenue is not the cart value`;
          if (!((event.properties?.revenue as number) > 0)) return `${event.eventId}: no revenue`;
          if (event.page.path !== '/checkout/confirmation') return `${event.eventId}: purchase on ${event.page.path}`;
        }
      }
      return undefined;
    });
    expect(problems).toEqual([]);
    expect(sessions.some((session) => session.some((event) => event.eventType === 'purchase'))).toBe(true);
  });
});

describe('clickstream traffic mix on a large seeded sample', () => {
  const sessions = bySession(generate(2026, 60_000, 20));
  const share = (predicate: (session: ClickEvent[]) => boolean): number =>
    sessions.filter(predicate).length / sessions.length;
  const has = (type: ClickEvent['eventType']) => (session: ClickEvent[]) => session.some((event) => event.eventType === type);

  it('converts like a real shop, with a funnel that narrows at every step', () => {
    const funnel = ['product_view', 'add_to_cart', 'checkout_start', 'purchase'] as const;
    const shares = funnel.map((type) => share(has(type)));
    expect(shares).toEqual([...shares].sort((left, right) => right - left));
    expect(shares[0]).toBeGreaterThan(0.5);
    expect(shares[3]).toBeGreaterThanOrEqual(0.02);
    expect(shares[3]).toBeLessThanOrEqual(0.05);
  });

  it('has several events per session and a realistic bounce share', () => {
    const eventsPerSession = 60_000 / sessions.length;
    expect(eventsPerSession).toBeGreaterThan(2.5);
    expect(eventsPerSession).toBeLessThan(8);
    const bounces = share((session) => session.length === 1);
    expect(bounces).toBeGreaterThan(0.1);
    expect(bounces).toBeLessThan(0.5);
  });

  it('mixes devices, countries, and signed-in visitors', () => {
    const first = sessions.map((session) => session[0]!);
    const mobile = first.filter((event) => event.device.type === 'mobile').length / first.length;
    expect(mobile).toBeGreaterThan(0.5);
    expect(mobile).toBeLessThan(0.66);
    expect(first.some((event) => event.device.type === 'tablet')).toBe(true);
    expect(new Set(first.map((event) => event.geo?.country)).size).toBeGreaterThanOrEqual(10);
    const signedIn = share((session) => session.some((event) => event.userId !== undefined));
    expect(signedIn).toBeGreaterThan(0.1);
    expect(signedIn).toBeLessThan(0.5);
    // Returning visitors come back with the same cookie.
    expect(new Set(first.map((event) => event.anonymousId)).size).toBeLessThan(first.length);
  });
});
