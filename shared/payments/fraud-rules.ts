// The fraud rules: each compares one transaction with the card's profile BEFORE it and explains why it fired.
import { isoUtcMillis, isoUtcString } from '../events/iso-utc';
import type { Transaction } from '../events/payments';
import { PHYSICAL_CHANNELS, type CardProfile, type RecentTransaction } from './card-profile';
import type { FraudConfig } from './fraud-config';
import { haversineKm } from './geo-distance';
import { sampleStandardDeviation } from './running-stats';

export const FRAUD_RULE_IDS = [
  'velocity',
  'amount-anomaly',
  'impossible-travel',
  'new-country',
  'new-merchant-category',
  'small-then-large',
] as const;

export type FraudRuleId = (typeof FRAUD_RULE_IDS)[number];

export interface RuleHit {
  rule: FraudRuleId;
  points: number;
  /** One sentence a reviewer understands without the code: the observed values and the threshold. */
  reason: string;
  /** The same values, machine-readable (alert details, dashboards). */
  details: Record<string, string | number>;
}

/** A rule returns undefined when it does not fire. */
export type FraudRule = (profile: CardProfile, transaction: Transaction, config: FraudConfig) => RuleHit | undefined;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
/** Two transactions a second apart would otherwise imply any speed at all; one minute keeps the speed meaningful. */
const MIN_ELAPSED_MS = MS_PER_MINUTE;
const MAX_LISTED_VALUES = 5;

const money = (amount: number, currency: string): string => `${amount.toFixed(2)} ${currency}`;
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
/** The most recently added values; the lists can hold dozens. */
const listed = (values: readonly string[]): string =>
  values.length === 0 ? 'none' : `${values.length > MAX_LISTED_VALUES ? '…, ' : ''}${values.slice(-MAX_LISTED_VALUES).join(', ')}`;

/**
 * How many recent transactions (optionally only those that `qualify`) lie within the `windowMinutes` up to and
 * including the transaction's own time. The list is kept in event-time order (card-profile.ts), so the walk starts
 * at the newest and stops at the first one before the window, and normalised ISO-UTC strings compare like the
 * instants they denote: one window start per call instead of one parse (or a copy of the list) per transaction.
 */
function countRecentWithin(
  profile: CardProfile,
  transaction: Transaction,
  windowMinutes: number,
  qualifies: (recent: RecentTransaction) => boolean = () => true,
): number {
  const until = transaction.occurredAt;
  const from = isoUtcString(isoUtcMillis(until) - windowMinutes * MS_PER_MINUTE);
  const recent = profile.recentTransactions;
  let count = 0;
  for (let index = recent.length - 1; index >= 0; index -= 1) {
    const { occurredAt } = recent[index] as RecentTransaction;
    if (occurredAt < from) break;
    if (occurredAt <= until && qualifies(recent[index] as RecentTransaction)) count += 1;
  }
  return count;
}

export const velocity: FraudRule = (profile, transaction, { velocity: rule }) => {
  const count = countRecentWithin(profile, transaction, rule.windowMinutes) + 1;
  if (count < rule.minTransactions) return undefined;
  return {
    rule: 'velocity',
    points: rule.points,
    reason: `${count} transactions within ${rule.windowMinutes} minutes (threshold ${rule.minTransactions})`,
    details: { transactions: count, windowMinutes: rule.windowMinutes, threshold: rule.minTransactions },
  };
};

export const amountAnomaly: FraudRule = (profile, { amount, currency }, { amountAnomaly: rule }) => {
  const stats = profile.amountStatsByCurrency[currency];
  if (stats === undefined || stats.count < rule.minHistory) return undefined;
  const deviation = Math.max(sampleStandardDeviation(stats), stats.mean * rule.minStdDevRatio);
  if (deviation <= 0) return undefined;
  const zScore = (amount - stats.mean) / deviation;
  if (zScore < rule.minZScore) return undefined;
  return {
    rule: 'amount-anomaly',
    points: rule.points,
    reason:
      `${money(amount, currency)} is ${zScore.toFixed(1)} standard deviations above this card's mean of ` +
      `${money(stats.mean, currency)} over ${stats.count} transactions (threshold ${rule.minZScore})`,
    details: {
      zScore: round(zScore, 2),
      mean: round(stats.mean, 2),
      standardDeviation: round(deviation, 2),
      history: stats.count,
      threshold: rule.minZScore,
    },
  };
};

export const impossibleTravel: FraudRule = (profile, transaction, { impossibleTravel: rule }) => {
  const previous = profile.lastLocation;
  const { location, channel } = transaction;
  if (previous === undefined || location === undefined || !PHYSICAL_CHANNELS.has(channel)) return undefined;
  const distanceKm = haversineKm(previous, location);
  if (distanceKm < rule.minDistanceKm) return undefined;
  // Absolute: a transaction delivered late is compared with a later one just the same.
  const elapsedMs = Math.max(Math.abs(isoUtcMillis(transaction.occurredAt) - isoUtcMillis(previous.occurredAt)), MIN_ELAPSED_MS);
  const speedKmh = distanceKm / (elapsedMs / MS_PER_HOUR);
  if (speedKmh <= rule.maxSpeedKmh) return undefined;
  return {
    rule: 'impossible-travel',
    points: rule.points,
    reason:
      `${Math.round(distanceKm)} km from the previous in-person transaction (${previous.country}) in ` +
      `${Math.round(elapsedMs / MS_PER_MINUTE)} minutes: ${Math.round(speedKmh)} km/h (limit ${rule.maxSpeedKmh} km/h)`,
    details: {
      distanceKm: Math.round(distanceKm),
      elapsedMinutes: round(elapsedMs / MS_PER_MINUTE, 1),
      speedKmh: Math.round(speedKmh),
      limitKmh: rule.maxSpeedKmh,
      previousCountry: previous.country,
    },
  };
};

export const newCountry: FraudRule = (profile, { country }, { newCountry: rule }) => {
  if (profile.transactionCount < rule.minHistory || profile.seenCountries.includes(country)) return undefined;
  return {
    rule: 'new-country',
    points: rule.points,
    reason: `First transaction in ${country} after ${profile.transactionCount} transactions (seen: ${listed(profile.seenCountries)})`,
    details: { country, history: profile.transactionCount },
  };
};

export const newMerchantCategory: FraudRule = (profile, { mcc }, { newMerchantCategory: rule }) => {
  if (profile.transactionCount < rule.minHistory || profile.seenMerchantCategories.includes(mcc)) return undefined;
  return {
    rule: 'new-merchant-category',
    points: rule.points,
    reason: `First transaction with merchant category ${mcc} after ${profile.transactionCount} transactions`,
    details: { mcc, history: profile.transactionCount },
  };
};

export const smallThenLarge: FraudRule = (profile, transaction, { smallThenLarge: rule }) => {
  const { amount, currency } = transaction;
  if (amount < rule.minLargeAmount) return undefined;
  const small = countRecentWithin(
    profile,
    transaction,
    rule.windowMinutes,
    (recent) => recent.currency === currency && recent.amount <= rule.maxSmallAmount,
  );
  if (small < rule.minSmallTransactions) return undefined;
  return {
    rule: 'small-then-large',
    points: rule.points,
    reason:
      `${small} amounts of at most ${money(rule.maxSmallAmount, currency)} in the ${rule.windowMinutes} minutes ` +
      `before ${money(amount, currency)} (threshold ${rule.minSmallTransactions})`,
    details: { smallTransactions: small, windowMinutes: rule.windowMinutes, threshold: rule.minSmallTransactions },
  };
};

/** Evaluation order is the order reasons are listed in. */
export const FRAUD_RULES: readonly FraudRule[] = [
  velocity,
  amountAnomaly,
  impossibleTravel,
  newCountry,
  newMerchantCategory,
  smallThenLarge,
];
