// A card's behaviour so far (one DynamoDB item per card) and the pure fold that adds one transaction to it.
import { z } from 'zod';
import { isoUtcMillis, isoUtcString } from '../events/iso-utc';
import type { PaymentChannel, Transaction } from '../events/payments';
import { NO_RECENT_EVENT_IDS, recentEventIdsSchema } from '../streams/recent-event-ids';
import { recentWindowMs, type FraudConfig } from './fraud-config';
import { addObservation, EMPTY_RUNNING_STATS, type RunningStats } from './running-stats';

/** Channels where the transaction's location is where the card physically was; online locations say nothing about it. */
export const PHYSICAL_CHANNELS: ReadonlySet<PaymentChannel> = new Set<PaymentChannel>(['card_present', 'contactless', 'atm']);

/**
 * Transaction ids remembered per card to recognise a client's resend. A card is used minutes apart; even a
 * velocity burst (6–10 payments in minutes) puts far fewer than 16 between a request and its resend (seconds;
 * API Gateway gives up after 29 s), for 16 × 22 + 20 = 372 bytes of item.
 */
export const RECENT_TRANSACTION_IDS_PER_CARD = 16;

const runningStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  mean: z.number(),
  m2: z.number().nonnegative(),
});

const recentTransactionSchema = z.object({
  occurredAt: z.string(),
  amount: z.number(),
  currency: z.string(),
});

const lastLocationSchema = z.object({
  occurredAt: z.string(),
  lat: z.number(),
  lon: z.number(),
  country: z.string(),
});

export const cardProfileSchema = z.object({
  cardId: z.string(),
  /** Transactions applied to this profile, redeliveries and resends excluded. */
  transactionCount: z.number().int().nonnegative(),
  /** Earliest and latest `occurredAt` seen (ISO UTC); absent until the first transaction. */
  firstSeenAt: z.string().optional(),
  lastSeenAt: z.string().optional(),
  /**
   * Welford statistics per currency. Amounts in different currencies are not comparable without FX rates, and
   * rates would make scoring depend on outside data; per currency, a card's usual currency builds history fast
   * and a rarely used one simply stays below the anomaly rule's minimum history.
   */
  amountStatsByCurrency: z.record(z.string(), runningStatsSchema),
  /** The latest transactions by event time, oldest first, bounded by count and by the longest rule window. */
  recentTransactions: z.array(recentTransactionSchema),
  /**
   * The latest physical-channel transaction that had a location. Kept apart from the recent window because
   * impossible travel needs hours of history (Paris → New York is ~6.5 h at airliner speed), the window minutes.
   */
  lastLocation: lastLocationSchema.optional(),
  /** In order of first use; the oldest entries make room when the bound is reached. */
  seenCountries: z.array(z.string()),
  seenMerchantCategories: z.array(z.string()),
  /**
   * Highest applied Kinesis sequence number per shard: a record at or below it was already applied (see
   * card-transactions.ts). Per shard because sequence numbers only grow within a shard.
   */
  lastSequenceByShard: z.record(z.string(), z.string().regex(/^\d+$/)),
  /**
   * The last RECENT_TRANSACTION_IDS_PER_CARD applied `transactionId`s (shared/streams/recent-event-ids.ts): a
   * client's resend is a new record with a new sequence number, recognised by its id. Absent in items written before it.
   */
  recentTransactionIds: recentEventIdsSchema.optional(),
});

export type CardProfile = z.infer<typeof cardProfileSchema>;
export type RecentTransaction = z.infer<typeof recentTransactionSchema>;
export type LastLocation = z.infer<typeof lastLocationSchema>;

export function emptyCardProfile(cardId: string): CardProfile {
  return {
    cardId,
    transactionCount: 0,
    amountStatsByCurrency: {},
    recentTransactions: [],
    seenCountries: [],
    seenMerchantCategories: [],
    lastSequenceByShard: {},
    recentTransactionIds: NO_RECENT_EVENT_IDS,
  };
}

/** A currency beyond the bound gets no statistics (the anomaly rule then never has enough history for it). */
function withAmount(
  statsByCurrency: Record<string, RunningStats>,
  { currency, amount }: Transaction,
  maxCurrencies: number,
): Record<string, RunningStats> {
  const current = statsByCurrency[currency];
  if (current === undefined && Object.keys(statsByCurrency).length >= maxCurrencies) return statsByCurrency;
  const next = { ...statsByCurrency };
  next[currency] = addObservation(current ?? EMPTY_RUNNING_STATS, amount);
  return next;
}

/**
 * Inserted in event-time order (after equal timestamps), then cut to the window's age and count. The list is
 * kept in order (the rules rely on it), so the insertion point is found from the newest end, where a transaction
 * usually goes, and both cuts drop a prefix; normalised ISO-UTC strings compare like the instants they denote, so
 * the age cut needs one window start instead of one parse per entry.
 */
function withRecent(recent: readonly RecentTransaction[], transaction: Transaction, config: FraudConfig): RecentTransaction[] {
  const entry: RecentTransaction = {
    occurredAt: transaction.occurredAt,
    amount: transaction.amount,
    currency: transaction.currency,
  };
  let insertAt = recent.length;
  while (insertAt > 0 && (recent[insertAt - 1] as RecentTransaction).occurredAt > entry.occurredAt) insertAt -= 1;
  const ordered = recent.slice();
  ordered.splice(insertAt, 0, entry);
  const newest = (ordered[ordered.length - 1] as RecentTransaction).occurredAt;
  const oldestKept = isoUtcString(isoUtcMillis(newest) - recentWindowMs(config));
  let start = Math.max(0, ordered.length - config.profile.maxRecentTransactions);
  while (start < ordered.length && (ordered[start] as RecentTransaction).occurredAt < oldestKept) start += 1;
  return start === 0 ? ordered : ordered.slice(start);
}

function withLocation(last: LastLocation | undefined, transaction: Transaction): LastLocation | undefined {
  const { location, channel, occurredAt, country } = transaction;
  if (location === undefined || !PHYSICAL_CHANNELS.has(channel)) return last;
  if (last !== undefined && occurredAt < last.occurredAt) return last;
  return { occurredAt, lat: location.lat, lon: location.lon, country };
}

/** Profiles are never changed in place, so an unchanged list is shared with the previous profile. */
function withSeen(seen: string[], value: string, max: number): string[] {
  return seen.includes(value) ? seen : [...seen, value].slice(-max);
}

/** ISO-UTC strings with milliseconds order like the instants they denote, so min/max is a string comparison. */
const earlier = (a: string | undefined, b: string): string => (a === undefined || b < a ? b : a);
const later = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);

/**
 * Adds one transaction to the profile. Every transaction counts, whatever its decision: a declined attempt is
 * still evidence of how the card is being used (and velocity must see a burst of declined attempts).
 * Field by field rather than `{ ...profile, … }`: V8 builds a spread followed by overrides through a slow path
 * several times the cost of this literal, once per scored transaction.
 */
export function updateProfile(profile: CardProfile, transaction: Transaction, config: FraudConfig): CardProfile {
  const { profile: bounds } = config;
  return {
    cardId: profile.cardId,
    transactionCount: profile.transactionCount + 1,
    firstSeenAt: earlier(profile.firstSeenAt, transaction.occurredAt),
    lastSeenAt: later(profile.lastSeenAt, transaction.occurredAt),
    amountStatsByCurrency: withAmount(profile.amountStatsByCurrency, transaction, bounds.maxCurrencies),
    recentTransactions: withRecent(profile.recentTransactions, transaction, config),
    lastLocation: withLocation(profile.lastLocation, transaction),
    seenCountries: withSeen(profile.seenCountries, transaction.country, bounds.maxSeenCountries),
    seenMerchantCategories: withSeen(profile.seenMerchantCategories, transaction.mcc, bounds.maxSeenMerchantCategories),
    lastSequenceByShard: profile.lastSequenceByShard,
    recentTransactionIds: profile.recentTransactionIds,
  };
}
