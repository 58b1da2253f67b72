// Unit tests: the clickstream event contract (valid events, field path of each invalid field, request bounds).
import {
  clickEventSchema,
  clickstreamIngestRequestSchema,
  clickstreamRecordSchema,
  createClickstreamIngestRequestSchema,
} from '../../../../shared/events/clickstream';
import { toFieldErrors } from '../../../../shared/events/validation-errors';
import { clickEvent, clickRecord, uuid } from '../fixtures/clickstream';

/** Paths of the field errors a value produces against the ingest request schema. */
function errorPaths(body: unknown): string[] {
  const result = clickstreamIngestRequestSchema.safeParse(body);
  return result.success ? [] : toFieldErrors(result.error).errors.map((error) => error.path);
}

const withEvent = (event: Record<string, unknown>) => ({ events: [clickEvent(), event] });

describe('clickEventSchema', () => {
  it('accepts a minimal event and a fully populated one', () => {
    expect(clickEventSchema.safeParse(clickEvent()).success).toBe(true);
    const full = clickEvent({
      eventType: 'purchase',
      userId: 'u_5f2a9c',
      page: { url: 'https://shop.example.com/checkout?step=3', path: '/checkout', title: 'Checkout' },
      referrer: 'https://www.example.org/',
      device: { type: 'mobile', os: 'iOS 18', browser: 'Safari', screen: '390x844' },
      geo: { country: 'DE', region: 'DE-BE' },
      properties: { revenue: 59.9, currency: 'EUR', coupon: null, firstOrder: true },
    });
    expect(clickEventSchema.parse(full)).toEqual(full);
  });

  it('accepts any absolute http(s) URL a browser parses, stored exactly as sent, however often the check ran before', () => {
    const urls = ['HTTP://Shop.Example.com/a?b=c#d', 'http://localhost:3000/', 'https://[2001:db8::1]/cart', 'https://bücher.example/', 'https://例え.jp/'];
    // Node 20's URL.canParse misreads Latin-1 hosts once V8 has optimised it: warm the check up first.
    for (let warm = 0; warm < 20_000; warm += 1) clickEventSchema.shape.page.shape.url.safeParse(`https://a.example/${warm}`);
    for (const url of urls) {
      expect(clickEventSchema.parse(clickEvent({ page: { url, path: '/' }, referrer: url })).page.url).toBe(url);
    }
  });

  it('normalises occurredAt to UTC with milliseconds', () => {
    const parse = (occurredAt: string) => clickEventSchema.parse(clickEvent({ occurredAt })).occurredAt;
    expect(parse('2026-11-02T12:15:30+02:00')).toBe('2026-11-02T10:15:30.000Z');
    expect(parse('2026-11-02T10:15:30.123456Z')).toBe('2026-11-02T10:15:30.123Z');
    expect(parse('2026-11-02T10:15:30.1Z')).toBe('2026-11-02T10:15:30.100Z');
  });

  it.each([
    ['occurredAt without a zone', { occurredAt: '2026-11-02T10:15:30' }, 'events[1].occurredAt'],
    ['an impossible date', { occurredAt: '2026-02-30T10:15:30Z' }, 'events[1].occurredAt'],
    ['a non-uuid eventId', { eventId: 'abc' }, 'events[1].eventId'],
    ['an unknown eventType', { eventType: 'scroll' }, 'events[1].eventType'],
    ['schemaVersion 2', { schemaVersion: 2 }, 'events[1].schemaVersion'],
    ['an e-mail as userId', { userId: 'jane@example.com' }, 'events[1].userId'],
    ['an empty sessionId', { sessionId: '' }, 'events[1].sessionId'],
    ['a sessionId over 128 characters', { sessionId: 's'.repeat(129) }, 'events[1].sessionId'],
    ['a missing anonymousId', { anonymousId: undefined }, 'events[1].anonymousId'],
    ['a javascript: page url', { page: { url: 'javascript:alert(1)', path: '/' } }, 'events[1].page.url'],
    ['a page url without "//" after the scheme', { page: { url: 'https:shop.example.com/', path: '/' } }, 'events[1].page.url'],
    ['a page url with a space before it', { page: { url: ' https://a.example/', path: '/' } }, 'events[1].page.url'],
    ['a page url with a tab inside', { page: { url: 'https://a.exa\tmple/', path: '/' } }, 'events[1].page.url'],
    ['a page url with no host', { page: { url: 'https://', path: '/' } }, 'events[1].page.url'],
    ['a page url over 2,048 characters', { page: { url: `https://a.example/${'p'.repeat(2031)}`, path: '/' } }, 'events[1].page.url'],
    ['an ftp referrer', { referrer: 'ftp://files.example/' }, 'events[1].referrer'],
    ['a relative page path', { page: { url: 'https://a.example/', path: 'home' } }, 'events[1].page.path'],
    ['a page title over 512 characters', { page: { url: 'https://a.example/', path: '/', title: 't'.repeat(513) } }, 'events[1].page.title'],
    ['an unknown device type', { device: { type: 'watch' } }, 'events[1].device.type'],
    ['a malformed screen', { device: { type: 'mobile', screen: 'big' } }, 'events[1].device.screen'],
    ['a lower-case country', { geo: { country: 'de' } }, 'events[1].geo.country'],
    ['a nested property', { properties: { cart: { items: 2 } } }, 'events[1].properties.cart'],
    ['a property value over 256 characters', { properties: { q: 'x'.repeat(257) } }, 'events[1].properties.q'],
    ['a property name that is not an identifier', { properties: { 'a b': 1 } }, 'events[1].properties.a b'],
    ['more than 50 properties', { properties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, i])) }, 'events[1].properties'],
    ['an IP address field', { ip: '203.0.113.7' }, 'events[1].ip'],
    ['a raw user agent inside device', { device: { type: 'desktop', userAgent: 'Mozilla/5.0' } }, 'events[1].device.userAgent'],
  ])('rejects %s with the field path', (_label, overrides, path) => {
    expect(errorPaths(withEvent({ ...clickEvent({ eventId: uuid(2) }), ...overrides }))).toEqual([path]);
  });
});

describe('clickstreamIngestRequestSchema', () => {
  it('accepts 1 to 500 events', () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => clickEvent({ eventId: uuid(i + 1) }));
    expect(clickstreamIngestRequestSchema.safeParse({ events: events(1) }).success).toBe(true);
    expect(clickstreamIngestRequestSchema.safeParse({ events: events(500) }).success).toBe(true);
    expect(errorPaths({ events: events(501) })).toEqual(['events']);
    expect(errorPaths({ events: [] })).toEqual(['events']);
  });

  it('rejects unknown top-level fields and a missing events array', () => {
    expect(errorPaths({ events: [clickEvent()], batchId: 'x' })).toEqual(['batchId']);
    expect(errorPaths({})).toEqual(['events']);
  });

  it('rejects a repeated eventId at the repetition', () => {
    expect(errorPaths({ events: [clickEvent(), clickEvent()] })).toEqual(['events[1].eventId']);
  });

  it('rejects events more than five minutes ahead of the receiving clock', () => {
    const schema = createClickstreamIngestRequestSchema(() => Date.parse('2026-11-02T10:10:30.123Z'));
    const result = schema.safeParse({ events: [clickEvent(), clickEvent({ eventId: uuid(2), occurredAt: '2026-11-02T10:15:30.124Z' })] });
    expect(result.success ? [] : toFieldErrors(result.error).errors).toEqual([
      { path: 'events[1].occurredAt', message: 'More than 5 minutes in the future; check the client clock' },
    ]);
    // Exactly five minutes ahead is still accepted.
    expect(schema.safeParse({ events: [clickEvent()] }).success).toBe(true);
  });
});

describe('clickstreamRecordSchema', () => {
  it('is the event plus receivedAt, and stays strict', () => {
    expect(clickstreamRecordSchema.safeParse(clickRecord()).success).toBe(true);
    expect(clickstreamRecordSchema.safeParse(clickEvent()).success).toBe(false);
    expect(clickstreamRecordSchema.safeParse({ ...clickRecord(), extra: 1 }).success).toBe(false);
  });

  it('checks the clock bound against receivedAt, for producers that bypass the API', () => {
    expect(clickstreamRecordSchema.safeParse(clickRecord({ receivedAt: '2026-11-02T10:10:30.123Z' })).success).toBe(true);
    const ahead = clickstreamRecordSchema.safeParse(clickRecord({ receivedAt: '2026-11-02T10:10:30.122Z' }));
    expect(ahead.success ? [] : toFieldErrors(ahead.error).errors.map((error) => error.path)).toEqual(['occurredAt']);
  });
});
