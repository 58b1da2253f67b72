// One seeded simulator run (clickstream, IoT, payments) with fixed event times, and the window results it must produce.
import { createHash } from 'node:crypto';
import type { ClickEvent } from '../../../shared/events/clickstream';
import type { Reading } from '../../../shared/events/iot';
import type { Transaction } from '../../../shared/events/payments';
import { createClickstreamGenerator } from '../../../scripts/simulate/clickstream-sessions';
import { createIotGenerator } from '../../../scripts/simulate/iot-devices';
import { createPaymentsGenerator } from '../../../scripts/simulate/payments-cards';

const MINUTE_MS = 60_000;

/** Event time of the run: 10:00 to 10:04 UTC on a fixed day (the Athena side pins current_date to the day after). */
export const RUN_START_MS = Date.UTC(2026, 2, 14, 10, 0, 0);
export const RUN_MINUTES = 4;
export const RUN_END_MS = RUN_START_MS + RUN_MINUTES * MINUTE_MS;
export const ATHENA_CURRENT_DATE = '2026-03-15';

/**
 * The watermark pushers' event time: past the end of every window holding run data (the longest, card_activity's
 * 10 minutes, ends by 10:13), and 30 s into a minute so that no window holding the pushers themselves closes.
 */
export const PUSHER_AT_MS = RUN_END_MS + 11 * MINUTE_MS + 30_000;

export interface SeededRun {
  /** Each domain's items by event-time minute of the run (index 0 = 10:00). */
  minutes: { clicks: ClickEvent[]; readings: Reading[]; transactions: Transaction[] }[];
  clicks: ClickEvent[];
  readings: Reading[];
  transactions: Transaction[];
}

/** A shard's hash key range (ListShards), inclusive. */
export interface ShardRange {
  start: bigint;
  end: bigint;
}

/**
 * Items are stamped at evenly spaced event times, in order. The IoT simulator's out-of-order and duplicate
 * deliveries are off: this run checks window arithmetic, not lateness (the runner's MiniCluster tests do that), and
 * without duplicates Flink (which counts records) and the named query (which counts distinct event ids) count the same.
 */
export function seededRun(seed = 'flink-local-parity'): SeededRun {
  const clickGenerator = createClickstreamGenerator({ seed, targetRate: 5, thinkTimeScale: 0.25 });
  const iotGenerator = createIotGenerator({ seed, targetRate: 2, outOfOrderShare: 0, duplicateShare: 0, dropoutShare: 0 });
  const paymentsGenerator = createPaymentsGenerator({ seed, targetRate: 1 });
  const clicks = stamped(200, (at) => clickGenerator.next(at)?.payload);
  const readings = stamped(500, (at) => iotGenerator.next(at).payload);
  const transactions = stamped(1_000, (at) => paymentsGenerator.next(at).payload);
  const minutes = Array.from({ length: RUN_MINUTES }, (_, minute) => ({
    clicks: clicks.filter((item) => minuteIndex(item.occurredAt) === minute),
    readings: readings.filter((item) => minuteIndex(item.occurredAt) === minute),
    transactions: transactions.filter((item) => minuteIndex(item.occurredAt) === minute),
  }));
  return { minutes, clicks, readings, transactions };
}

/**
 * One watermark pusher per shard of each stream: a copy of the run's first item at PUSHER_AT_MS, with a partition key
 * (session, device, card id) that Kinesis hashes into that shard. Each shard's pusher is read after that shard's data,
 * so every source subtask's watermark moves past the run only once it has read its own part of the run.
 */
export function watermarkPushers(run: SeededRun, shards: Readonly<Record<'clickstream' | 'iot' | 'payments', readonly ShardRange[]>>) {
  const occurredAt = new Date(PUSHER_AT_MS).toISOString();
  let serial = 0;
  const eventId = (): string => `00000000-0000-4000-8000-${(0xf000 + serial++).toString(16).padStart(12, '0')}`;
  return {
    clicks: shards.clickstream.map((shard): ClickEvent => ({ ...run.clicks[0]!, eventType: 'page_view', eventId: eventId(), sessionId: keyIn(shard, 'pusher-session'), occurredAt })),
    readings: shards.iot.map((shard): Reading => ({ ...run.readings[0]!, readingId: eventId(), deviceId: keyIn(shard, 'pusher-device'), sequence: 1, occurredAt })),
    transactions: shards.payments.map((shard): Transaction => ({ ...run.transactions[0]!, transactionId: eventId(), cardId: keyIn(shard, 'pusher-card'), occurredAt })),
  };
}

/** Kinesis puts a record in the shard whose range holds the MD5 of its partition key, read as a 128-bit number. */
function keyIn(shard: ShardRange, prefix: string): string {
  for (let index = 0; ; index++) {
    const key = `${prefix}-${index}`;
    const hash = BigInt(`0x${createHash('md5').update(key).digest('hex')}`);
    if (hash >= shard.start && hash <= shard.end) return key;
  }
}

function stamped<T>(spacingMs: number, next: (atMs: number) => T | undefined): T[] {
  const items: T[] = [];
  for (let at = RUN_START_MS; at < RUN_END_MS; at += spacingMs) {
    const item = next(at);
    if (item !== undefined) items.push(item);
  }
  return items;
}

const minuteIndex = (occurredAt: string): number => Math.floor((Date.parse(occurredAt) - RUN_START_MS) / MINUTE_MS);

const iso = (ms: number): string => new Date(ms).toISOString();

/** Starts of the minute-aligned windows of `sizeMinutes` that hold an event at `occurredAt` (one for a TUMBLE). */
export function windowStartsOf(occurredAt: string, sizeMinutes: number): string[] {
  const minuteStart = Math.floor(Date.parse(occurredAt) / MINUTE_MS) * MINUTE_MS;
  return Array.from({ length: sizeMinutes }, (_, back) => iso(minuteStart - (sizeMinutes - 1 - back) * MINUTE_MS));
}

/** `<window start> <dimension>` → what the rows of that window and dimension must hold. */
export type ExpectedWindows = Map<string, Record<string, number>>;

function aggregate<T>(
  items: readonly T[],
  sizeMinutes: number,
  dimensionOf: (item: T) => string | undefined,
  occurredAtOf: (item: T) => string,
  add: (values: Record<string, number>, item: T) => void,
): ExpectedWindows {
  const windows: ExpectedWindows = new Map();
  for (const item of items) {
    const dimension = dimensionOf(item);
    if (dimension === undefined) continue;
    for (const start of windowStartsOf(occurredAtOf(item), sizeMinutes)) {
      const key = `${start} ${dimension}`;
      const values = windows.get(key) ?? {};
      add(values, item);
      windows.set(key, values);
    }
  }
  return windows;
}

/** page_views: page_view events per path, TUMBLE 1 min. */
export const expectedPageViews = (clicks: readonly ClickEvent[]): ExpectedWindows =>
  aggregate(clicks, 1, (click) => (click.eventType === 'page_view' ? click.page.path : undefined), (click) => click.occurredAt, (values) => {
    values.views = (values.views ?? 0) + 1;
  });

/** device_readings: readings per device, HOP 5 min sliding 1 min. */
export const expectedDeviceReadings = (readings: readonly Reading[]): ExpectedWindows =>
  aggregate(readings, 5, (reading) => reading.deviceId, (reading) => reading.occurredAt, (values) => {
    values.readings = (values.readings ?? 0) + 1;
  });

/** card_activity: transactions and amount (in cents, to compare sums exactly) per card, HOP 10 min sliding 1 min. */
export const expectedCardActivity = (transactions: readonly Transaction[]): ExpectedWindows =>
  aggregate(transactions, 10, (transaction) => transaction.cardId, (transaction) => transaction.occurredAt, (values, transaction) => {
    values.transactions = (values.transactions ?? 0) + 1;
    values.amount_cents = (values.amount_cents ?? 0) + Math.round(transaction.amount * 100);
  });

/** Every window start of `windows`, in time order. */
export const windowStartsIn = (windows: ExpectedWindows): string[] => [...new Set([...windows.keys()].map((key) => key.split(' ')[0]!))].sort();
