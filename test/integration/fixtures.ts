// Items the integration tests post through the producer APIs, stamped relative to now (the consumers judge freshness).
import { randomUUID } from 'node:crypto';
import type { Reading } from '../../shared/events/iot';
import type { Transaction } from '../../shared/events/payments';

export const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/** A cold-storage reading (shared/iot/device-rules.json allows 2–8 °C). */
export function coldStorageReading(deviceId: string, sequence: number, occurredAt: string, temperature: number): Reading {
  return { schemaVersion: 1, readingId: randomUUID(), deviceId, deviceType: 'cold-storage', sequence, occurredAt, metrics: { temperature, humidity: 60, battery: 90 } };
}

/** An everyday contactless coffee in Berlin; override any field. */
export function coffeeTransaction(cardId: string, occurredAt: string, overrides: Partial<Transaction> = {}): Transaction {
  return {
    schemaVersion: 1,
    transactionId: randomUUID(),
    cardId,
    merchantId: 'm-coffee-1',
    mcc: '5814',
    amount: 4.5,
    currency: 'EUR',
    country: 'DE',
    location: { lat: 52.52, lon: 13.405 },
    channel: 'contactless',
    occurredAt,
    ...overrides,
  };
}
