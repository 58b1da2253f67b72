// Test fixtures: card transactions, their stream records, and profiles built by folding transactions.
import type { Transaction, TransactionRecord } from '../../../../shared/events/payments';
import type { StreamRecord } from '../../../../shared/lambda/kinesis-records';
import { emptyCardProfile, updateProfile, type CardProfile } from '../../../../shared/payments/card-profile';
import { DEFAULT_FRAUD_CONFIG, type FraudConfig } from '../../../../shared/payments/fraud-config';
import { uuid } from '../fixtures/clickstream';

export { uuid };

export const SHARD = 'shardId-000000000000';
const BASE_MS = Date.parse('2026-11-02T10:00:00.000Z');

/** ISO-UTC time `minutes` after the fixtures' base time (fractions allowed). */
export const at = (minutes: number): string => new Date(BASE_MS + Math.round(minutes * 60_000)).toISOString();

export const BERLIN = { lat: 52.52, lon: 13.405 };
export const PARIS = { lat: 48.8566, lon: 2.3522 };
export const NEW_YORK = { lat: 40.7128, lon: -74.006 };

/** A valid transaction as a client would send it; override any field. */
export function transaction(overrides: Partial<Transaction> = {}): Transaction {
  return {
    schemaVersion: 1,
    transactionId: uuid(1),
    cardId: 'card-tok-1',
    merchantId: 'merchant-1',
    mcc: '5411',
    amount: 42.5,
    currency: 'EUR',
    country: 'DE',
    channel: 'card_present',
    location: BERLIN,
    occurredAt: at(0),
    ...overrides,
  };
}

export function transactionRecord(overrides: Partial<TransactionRecord> = {}): TransactionRecord {
  return { ...transaction(), receivedAt: at(0.01), ...overrides };
}

/** The validated stream record the consumer hands to the batch step; transaction id and time follow `seq`. */
export function streamRecord(
  seq: number,
  overrides: Partial<TransactionRecord> = {},
  shardId = SHARD,
): StreamRecord<TransactionRecord> {
  const payload = transactionRecord({ transactionId: uuid(seq), occurredAt: at(seq), ...overrides });
  return { shardId, sequenceNumber: String(seq), partitionKey: payload.cardId, payload };
}

/** The profile after `transactions`, folded in order (no sequence bookkeeping). */
export function profileAfter(transactions: readonly Transaction[], config: FraudConfig = DEFAULT_FRAUD_CONFIG): CardProfile {
  return transactions.reduce((profile, tx) => updateProfile(profile, tx, config), emptyCardProfile('card-tok-1'));
}

/** `count` everyday transactions an hour apart in Germany, ending at `endMinutes`. */
export function history(count: number, overrides: Partial<Transaction> = {}, endMinutes = -120): Transaction[] {
  return Array.from({ length: count }, (_, i) =>
    transaction({ transactionId: uuid(1000 + i), occurredAt: at(endMinutes - (count - 1 - i) * 60), ...overrides }),
  );
}
