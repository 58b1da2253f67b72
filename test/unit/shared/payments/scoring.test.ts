// Unit tests: the score (sum of fired rules, capped), the decision thresholds, and determinism.
import fc from 'fast-check';
import { PAYMENT_CHANNELS } from '../../../../shared/events/payments';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { decide, scoreTransaction } from '../../../../shared/payments/scoring';
import { at, BERLIN, history, PARIS, profileAfter, transaction } from './payment-fixtures';

const config = DEFAULT_FRAUD_CONFIG;

describe('decide (review at 40, decline at 70)', () => {
  it.each([
    [0, 'approve'],
    [39, 'approve'],
    [40, 'review'],
    [69, 'review'],
    [70, 'decline'],
    [100, 'decline'],
  ])('score %i → %s', (score, decision) => {
    expect(decide(score, config.decision)).toBe(decision);
  });
});

describe('scoreTransaction', () => {
  it('approves an ordinary transaction with no reasons', () => {
    expect(scoreTransaction(profileAfter(history(20)), transaction(), config)).toEqual({
      score: 0,
      decision: 'approve',
      reasons: [],
      rulesFired: [],
      hits: [],
    });
  });

  it('adds the points of every fired rule and lists their reasons in rule order', () => {
    // A cloned card: used in Berlin, then minutes later in Paris, in a new country.
    const profile = profileAfter([...history(20), transaction({ occurredAt: at(0), location: BERLIN })]);
    const result = scoreTransaction(profile, transaction({ occurredAt: at(10), location: PARIS, country: 'FR' }), config);
    expect(result.rulesFired).toEqual(['impossible-travel', 'new-country']);
    expect(result.score).toBe(75);
    expect(result.decision).toBe('decline');
    expect(result.reasons).toHaveLength(2);
    expect(result.reasons[1]).toBe('First transaction in FR after 21 transactions (seen: DE)');
  });

  it('caps the score at 100', () => {
    const probes = [at(-3), at(-2), at(-1), at(-0.5)].map((occurredAt) => transaction({ occurredAt, amount: 1 }));
    const profile = profileAfter([...history(20), ...probes]);
    const result = scoreTransaction(profile, transaction({ amount: 900, occurredAt: at(0) }), config);
    expect(result.rulesFired).toEqual(['velocity', 'amount-anomaly', 'small-then-large']);
    expect(result.score).toBe(100);
  });

  it('is deterministic: the same inputs give the same result and leave the profile untouched', () => {
    const arbitraryTransaction = fc.record({
      minutes: fc.integer({ min: -200, max: 200 }),
      cents: fc.integer({ min: 1, max: 500_000 }),
      country: fc.constantFrom('DE', 'FR', 'US'),
      mcc: fc.constantFrom('5411', '5812', '7995'),
      channel: fc.constantFrom(...PAYMENT_CHANNELS),
      location: fc.constantFrom(BERLIN, PARIS),
    });
    fc.assert(
      fc.property(fc.array(arbitraryTransaction, { maxLength: 30 }), arbitraryTransaction, (earlier, next) => {
        const toTransaction = (t: typeof next) =>
          transaction({ occurredAt: at(t.minutes), amount: t.cents / 100, country: t.country, mcc: t.mcc, channel: t.channel, location: t.location });
        const profile = profileAfter(earlier.map(toTransaction));
        const snapshot = structuredClone(profile);
        const first = scoreTransaction(profile, toTransaction(next), config);
        expect(scoreTransaction(structuredClone(profile), toTransaction(next), config)).toEqual(first);
        expect(profile).toEqual(snapshot);
        expect(first.score).toBe(Math.min(100, first.hits.reduce((sum, hit) => sum + hit.points, 0)));
      }),
      { seed: 4242, numRuns: 200 },
    );
  });
});
