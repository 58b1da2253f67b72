// Generated events for the fault tests and what the aggregates must be afterwards: the ground truth "0 lost, 0 double
// counted" is checked against.
import { deviceAlertId, alertWindowStart } from '../../../shared/iot/device-alerts';
import { fraudAlertId } from '../../../shared/payments/fraud-outputs';
import type { ClickEvent } from '../../../shared/events/clickstream';
import type { Reading } from '../../../shared/events/iot';
import type { Transaction } from '../../../shared/events/payments';
import type { SeededRandom } from '../../../scripts/local/faults';
import { coffeeTransaction } from '../fixtures';

/** One domain's events as the producer API takes them. */
export interface Workload<E> {
  path: string;
  /** The request body field holding the events. */
  field: 'events' | 'readings' | 'transactions';
  events: E[];
  idOf(event: E): string;
  keyOf(event: E): string;
}

const MINUTE = 60_000;

/** A version-4 UUID from the seeded source, so a run's ids are reproducible from its seed. */
function seededUuid(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => random.below(16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.below(4)).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
const iso = (ms: number): string => new Date(ms).toISOString();

/** Sessions of `perKey` events each; event time is shuffled against the send order (out-of-order arrival). */
export function clickstreamWorkload(random: SeededRandom, tag: string, keys: number, perKey: number): Workload<ClickEvent> {
  const start = Date.UTC(2026, 10, 26, 9, 0, 0);
  const types = ['page_view', 'page_view', 'product_view', 'add_to_cart', 'purchase'] as const;
  const events = Array.from({ length: keys }, (_, key) =>
    Array.from({ length: perKey }, (__, index): ClickEvent => {
      const eventType = types[random.below(types.length)] ?? 'page_view';
      return {
        schemaVersion: 1,
        eventId: seededUuid(random),
        eventType,
        occurredAt: iso(start + key * MINUTE + index * 1_000),
        sessionId: `${tag}-session-${key}`,
        anonymousId: `${tag}-anon-${key}`,
        page: { url: `https://shop.example.com/p/${index % 7}`, path: `/p/${index % 7}` },
        device: { type: 'mobile' },
        ...(eventType === 'purchase' ? { properties: { revenue: (1 + random.below(9_999)) / 100 } } : {}),
      };
    }),
  ).flat();
  return { path: 'clickstream/events', field: 'events', events: random.shuffled(events), idOf: (e) => e.eventId, keyOf: (e) => e.sessionId };
}

/** Cold-storage devices; every fifth reading breaches the temperature maximum (8 °C) and must raise one alert per window. */
export function iotWorkload(random: SeededRandom, tag: string, keys: number, perKey: number): Workload<Reading> {
  const start = Date.now() - (perKey + 5) * MINUTE;
  const events = Array.from({ length: keys }, (_, key) =>
    Array.from({ length: perKey }, (__, index): Reading => ({
      schemaVersion: 1,
      readingId: seededUuid(random),
      deviceId: `${tag}-device-${key}`,
      deviceType: 'cold-storage',
      sequence: index + 1,
      occurredAt: iso(start + index * MINUTE),
      metrics: { temperature: index % 5 === 4 ? 9.5 : 5, humidity: 60, battery: 90 },
    })),
  ).flat();
  return { path: 'iot/telemetry', field: 'readings', events: random.shuffled(events), idOf: (e) => e.readingId, keyOf: (e) => e.deviceId };
}

export function paymentsWorkload(random: SeededRandom, tag: string, keys: number, perKey: number): Workload<Transaction> {
  const start = Date.now() - (perKey + 5) * 10 * MINUTE;
  const events = Array.from({ length: keys }, (_, key) =>
    Array.from({ length: perKey }, (__, index): Transaction =>
      coffeeTransaction(`card_${tag}_${key}`, iso(start + index * 10 * MINUTE), {
        transactionId: seededUuid(random),
        merchantId: `m-${random.below(5)}`,
        amount: (100 + random.below(20_000)) / 100,
      }),
    ),
  ).flat();
  return { path: 'payments/transactions', field: 'transactions', events: random.shuffled(events), idOf: (e) => e.transactionId, keyOf: (e) => e.cardId };
}

export function groupBy<E>(events: readonly E[], keyOf: (event: E) => string): Map<string, E[]> {
  const groups = new Map<string, E[]>();
  for (const event of events) groups.set(keyOf(event), [...(groups.get(keyOf(event)) ?? []), event]);
  return groups;
}

const cents = (amount: number): number => Math.round(amount * 100);

export function expectedSession(events: readonly ClickEvent[]) {
  const times = events.map((event) => event.occurredAt).sort();
  const revenue = events.reduce((sum, event) => sum + (event.eventType === 'purchase' ? cents(Number(event.properties?.revenue ?? 0)) : 0), 0);
  return {
    eventCount: events.length,
    pageViews: events.filter((event) => event.eventType === 'page_view').length,
    revenueCents: revenue,
    firstSeenAt: times[0],
    lastSeenAt: times[times.length - 1],
  };
}

export function expectedDevice(readings: readonly Reading[]) {
  const latest = [...readings].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).pop();
  const breachAlertIds = new Set(
    readings
      .filter((reading) => (reading.metrics.temperature ?? 0) > 8)
      .map((reading) => deviceAlertId(alertWindowStart(reading.occurredAt, 15), 'above-max', 'temperature')),
  );
  return { readings: readings.length, latestReadingId: latest?.readingId, breachAlertIds: [...breachAlertIds].sort() };
}

export function expectedCard(transactions: readonly Transaction[]) {
  return {
    transactionCount: transactions.length,
    amountCents: transactions.reduce((sum, transaction) => sum + cents(transaction.amount), 0),
    alertIds: new Set(transactions.map((transaction) => fraudAlertId(transaction))),
  };
}
