// The card-payments contract: transactions in, fraud decisions out; the schemas are the single source of truth for both.
import { z } from 'zod';
import { checkBatchItems, clockAheadMessage, countryCode, isTooFarAheadOfReceipt, isoUtcTimestamp, opaqueId } from './fields';

/*
 * No card number (PAN) ever enters the pipeline: `cardId` is a token issued upstream (by the card vault or the
 * processor). A PAN would put the stream, the tables and the data lake in PCI DSS scope, so anything that
 * looks like one is rejected at the edge rather than hashed here.
 */

export const MAX_TRANSACTIONS_PER_REQUEST = 500;

/** Upper bound for one amount in major units; larger values are treated as client bugs, not as transactions. */
export const MAX_TRANSACTION_AMOUNT = 1_000_000;

/** How the card was used. Only the physical channels say where the card itself was (see impossible travel). */
export const PAYMENT_CHANNELS = ['card_present', 'online', 'contactless', 'atm'] as const;

export const FRAUD_DECISIONS = ['approve', 'review', 'decline'] as const;

/** 12–19 digits is the length range of card numbers (ISO/IEC 7812); separators are ignored so "4111-1111-…" is caught too. */
/** Separators an opaque id may contain: - . _ : */
const ID_SEPARATORS = new Set([45, 46, 95, 58]);

/**
 * 12–19 digits and nothing else once separators are ignored ("4111-1111-1111-1111"), counted in place: no copy
 * of the id per transaction, and a token's first letter ends the check.
 */
function looksLikeCardNumber(value: string): boolean {
  let digits = 0;
  for (let at = 0; at < value.length; at += 1) {
    const code = value.charCodeAt(at);
    if (code >= 48 && code <= 57) digits += 1;
    else if (!ID_SEPARATORS.has(code)) return false;
  }
  return digits >= 12 && digits <= 19;
}

export const cardToken = opaqueId.refine((value) => !looksLikeCardNumber(value), {
  message: 'cardId looks like a card number (PAN); send the card token instead, never the PAN',
});

/** Whole cents: `v * 100` is within float error of an integer (0.29 * 100 is 28.999999999999996). */
const hasAtMostTwoDecimals = (value: number): boolean => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

export const transactionAmount = z
  .number()
  .positive()
  .max(MAX_TRANSACTION_AMOUNT)
  .refine(hasAtMostTwoDecimals, { message: 'Use at most 2 decimal places' });

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code such as "EUR"');

/** Merchant category code (ISO 18245): four digits, kept as a string so leading zeros survive ("0742"). */
export const merchantCategoryCode = z.string().regex(/^\d{4}$/, 'Use a 4-digit merchant category code such as "5411"');

const location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

/** One card transaction, version 1. Strict, so a misspelt field is a 400 and not silently missing data. */
export const transactionSchema = z.strictObject({
  schemaVersion: z.literal(1),
  transactionId: z.uuid(),
  cardId: cardToken,
  merchantId: opaqueId,
  merchantName: z.string().min(1).max(128).optional(),
  mcc: merchantCategoryCode,
  amount: transactionAmount,
  currency: currencyCode,
  /** Where the transaction took place (merchant or ATM country). */
  country: countryCode,
  location: location.optional(),
  channel: z.enum(PAYMENT_CHANNELS),
  occurredAt: isoUtcTimestamp,
});

/**
 * Body of `POST /payments/transactions`. Ids must be unique so a client can retry exactly the failed ones, and no
 * transaction may be dated beyond the clock bound (fields.ts). `now` is injectable so tests are deterministic.
 */
export function createPaymentsIngestRequestSchema(now: () => number = Date.now) {
  return z
    .strictObject({
      transactions: z.array(transactionSchema).min(1).max(MAX_TRANSACTIONS_PER_REQUEST),
    })
    .superRefine(({ transactions }, ctx) =>
      checkBatchItems(transactions, ctx, { field: 'transactions', idField: 'transactionId', sender: 'terminal', nowMs: now() }),
    );
}

export const paymentsIngestRequestSchema = createPaymentsIngestRequestSchema();

/** The transaction plus the time the API received it: the fields of a stream record and of an archived decision. */
const transactionRecordFields = transactionSchema.extend({
  receivedAt: isoUtcTimestamp,
});

/**
 * What the producer writes to Kinesis. The clock bound is checked again against `receivedAt`, so a producer that
 * bypasses the API cannot date transactions ahead.
 */
export const transactionRecordSchema = transactionRecordFields.refine((record) => !isTooFarAheadOfReceipt(record.occurredAt, record.receivedAt), {
  path: ['occurredAt'],
  message: clockAheadMessage('terminal'),
});

/**
 * One archived decision per scored transaction (Firehose → S3 → Athena). `decidedAt - occurredAt` is the
 * decision latency. Delivery is at-least-once, so queries deduplicate on `transactionId`.
 */
export const fraudDecisionRecordSchema = transactionRecordFields.extend({
  score: z.number().int().min(0).max(100),
  decision: z.enum(FRAUD_DECISIONS),
  reasons: z.array(z.string()),
  rulesFired: z.array(z.string()),
  decidedAt: isoUtcTimestamp,
});

export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export type FraudDecision = (typeof FRAUD_DECISIONS)[number];
export type Transaction = z.infer<typeof transactionSchema>;
export type PaymentsIngestRequest = z.infer<typeof paymentsIngestRequestSchema>;
export type TransactionRecord = z.infer<typeof transactionRecordSchema>;
export type FraudDecisionRecord = z.infer<typeof fraudDecisionRecordSchema>;
