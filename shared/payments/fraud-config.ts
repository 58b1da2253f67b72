// Every threshold of the fraud rules, the decision cut-offs and the profile bounds, in one typed object.

/**
 * Amounts are in major units of the transaction's own currency (no FX conversion: rates are outside data
 * that would make scoring non-deterministic). Points add up to the 0–100 score.
 */
export interface FraudConfig {
  /** At least `minTransactions` (the current one included) within the trailing `windowMinutes`. */
  velocity: { minTransactions: number; windowMinutes: number; points: number };
  /**
   * The amount is at least `minZScore` standard deviations above the card's mean in that currency, once the
   * card has `minHistory` transactions in it. The deviation used is at least `minStdDevRatio` × mean, so a card
   * that always pays the same amount (variance 0) is not flagged for paying a few cents more.
   */
  amountAnomaly: { minHistory: number; minZScore: number; minStdDevRatio: number; points: number };
  /**
   * The card was at two places `minDistanceKm` or more apart faster than `maxSpeedKmh` allows. The distance
   * floor keeps GPS noise and neighbouring towns out; elapsed time counts as at least one minute.
   */
  impossibleTravel: { maxSpeedKmh: number; minDistanceKm: number; points: number };
  /** First transaction in a country, once the card has `minHistory` transactions. */
  newCountry: { minHistory: number; points: number };
  /** First transaction with a merchant category code, once the card has `minHistory` transactions. */
  newMerchantCategory: { minHistory: number; points: number };
  /**
   * Card testing: at least `minSmallTransactions` amounts ≤ `maxSmallAmount` in the `windowMinutes` before an
   * amount ≥ `minLargeAmount`, all in the same currency.
   */
  smallThenLarge: {
    minSmallTransactions: number;
    maxSmallAmount: number;
    minLargeAmount: number;
    windowMinutes: number;
    points: number;
  };
  /** score ≥ declineAtScore → decline; ≥ reviewAtScore → review; else approve. */
  decision: { reviewAtScore: number; declineAtScore: number };
  /** Bounds that keep one card's profile item small (DynamoDB bills writes per KiB). */
  profile: {
    maxRecentTransactions: number;
    maxSeenCountries: number;
    maxSeenMerchantCategories: number;
    maxCurrencies: number;
  };
}

export const DEFAULT_FRAUD_CONFIG: FraudConfig = {
  velocity: { minTransactions: 5, windowMinutes: 10, points: 40 },
  amountAnomaly: { minHistory: 10, minZScore: 4, minStdDevRatio: 0.1, points: 40 },
  impossibleTravel: { maxSpeedKmh: 900, minDistanceKm: 300, points: 60 },
  newCountry: { minHistory: 3, points: 15 },
  newMerchantCategory: { minHistory: 10, points: 10 },
  smallThenLarge: { minSmallTransactions: 3, maxSmallAmount: 2, minLargeAmount: 300, windowMinutes: 30, points: 60 },
  decision: { reviewAtScore: 40, declineAtScore: 70 },
  profile: { maxRecentTransactions: 32, maxSeenCountries: 64, maxSeenMerchantCategories: 200, maxCurrencies: 8 },
};

const MS_PER_MINUTE = 60_000;

/** The recent-transactions window must reach back as far as the longest windowed rule looks. */
export const recentWindowMs = (config: FraudConfig): number =>
  Math.max(config.velocity.windowMinutes, config.smallThenLarge.windowMinutes) * MS_PER_MINUTE;

/** Combinations that would silently disable a rule; checked once when the scoring step is built. */
export function fraudConfigProblems(config: FraudConfig): string[] {
  const problems: string[] = [];
  const { velocity, smallThenLarge, decision, profile } = config;
  if (velocity.minTransactions - 1 > profile.maxRecentTransactions) {
    problems.push('profile.maxRecentTransactions must be at least velocity.minTransactions - 1');
  }
  if (smallThenLarge.minSmallTransactions > profile.maxRecentTransactions) {
    problems.push('profile.maxRecentTransactions must be at least smallThenLarge.minSmallTransactions');
  }
  if (smallThenLarge.maxSmallAmount >= smallThenLarge.minLargeAmount) {
    problems.push('smallThenLarge.maxSmallAmount must be below smallThenLarge.minLargeAmount');
  }
  if (!(decision.reviewAtScore > 0 && decision.reviewAtScore <= decision.declineAtScore && decision.declineAtScore <= 100)) {
    problems.push('decision thresholds must satisfy 0 < reviewAtScore <= declineAtScore <= 100');
  }
  return problems;
}
