// Unit tests: the fraud configuration's consistency checks.
import { DEFAULT_FRAUD_CONFIG, fraudConfigProblems, recentWindowMs } from '../../../../shared/payments/fraud-config';

describe('fraud config', () => {
  it('has a consistent default', () => {
    expect(fraudConfigProblems(DEFAULT_FRAUD_CONFIG)).toEqual([]);
  });

  it('keeps the recent window as long as the longest windowed rule', () => {
    expect(recentWindowMs(DEFAULT_FRAUD_CONFIG)).toBe(30 * 60_000);
  });

  it('names combinations that would silently disable a rule', () => {
    const broken = {
      ...DEFAULT_FRAUD_CONFIG,
      velocity: { ...DEFAULT_FRAUD_CONFIG.velocity, minTransactions: 40 },
      smallThenLarge: { ...DEFAULT_FRAUD_CONFIG.smallThenLarge, maxSmallAmount: 500 },
      decision: { reviewAtScore: 80, declineAtScore: 70 },
    };
    expect(fraudConfigProblems(broken)).toEqual([
      'profile.maxRecentTransactions must be at least velocity.minTransactions - 1',
      'smallThenLarge.maxSmallAmount must be below smallThenLarge.minLargeAmount',
      'decision thresholds must satisfy 0 < reviewAtScore <= declineAtScore <= 100',
    ]);
  });
});
