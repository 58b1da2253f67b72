// Unit tests: each fraud rule firing, and not firing, at its boundary.
import fc from 'fast-check';
import {
  amountAnomaly,
  impossibleTravel,
  newCountry,
  newMerchantCategory,
  smallThenLarge,
  velocity,
} from '../../../../shared/payments/fraud-rules';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { sampleStandardDeviation } from '../../../../shared/payments/running-stats';
import { at, BERLIN, history, PARIS, profileAfter, transaction } from './payment-fixtures';

const config = DEFAULT_FRAUD_CONFIG;
/** ISO time `ms` milliseconds after `iso`. */
const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const MINUTE = 60_000;
/** A point on the equator `km` east of longitude 0 (one degree of longitude there is ~111.195 km). */
const equatorKm = (km: number) => ({ lat: 0, lon: km / ((6371.0088 * Math.PI) / 180) });

describe('velocity (5 transactions within 10 minutes)', () => {
  const previous = (firstAt: string) =>
    profileAfter([firstAt, at(-7), at(-5), at(-1)].map((occurredAt) => transaction({ occurredAt })));

  it('fires when the current transaction is the 5th within the window (window start inclusive)', () => {
    expect(velocity(previous(at(-10)), transaction({ occurredAt: at(0) }), config)).toEqual({
      rule: 'velocity',
      points: 40,
      reason: '5 transactions within 10 minutes (threshold 5)',
      details: { transactions: 5, windowMinutes: 10, threshold: 5 },
    });
  });

  it('does not fire when the earliest one is a millisecond outside the window', () => {
    expect(velocity(previous(plusMs(at(-10), -1)), transaction({ occurredAt: at(0) }), config)).toBeUndefined();
  });

  it('does not count transactions later in event time than the current one', () => {
    const profile = profileAfter([at(-3), at(-2), at(-1), at(1)].map((occurredAt) => transaction({ occurredAt })));
    expect(velocity(profile, transaction({ occurredAt: at(0) }), config)).toBeUndefined();
  });
});

describe('amount anomaly (z ≥ 4 after 10 transactions in the currency)', () => {
  const varied = profileAfter(history(10).map((tx, i) => ({ ...tx, amount: i % 2 === 0 ? 40 : 60 })));
  const stats = varied.amountStatsByCurrency.EUR!;
  const atFourSigma = stats.mean + 4 * sampleStandardDeviation(stats);

  it('fires just above four standard deviations, with the numbers in the reason', () => {
    const hit = amountAnomaly(varied, transaction({ amount: Math.ceil(atFourSigma * 100) / 100 }), config);
    expect(hit).toMatchObject({ rule: 'amount-anomaly', points: 40, details: { mean: 50, history: 10, threshold: 4 } });
    expect(hit?.reason).toBe(
      '92.17 EUR is 4.0 standard deviations above this card\'s mean of 50.00 EUR over 10 transactions (threshold 4)',
    );
  });

  it('does not fire just below', () => {
    expect(amountAnomaly(varied, transaction({ amount: Math.floor(atFourSigma * 100) / 100 }), config)).toBeUndefined();
  });

  it('does not fire before the minimum history in that currency', () => {
    expect(amountAnomaly(profileAfter(history(9)), transaction({ amount: 100_000 }), config)).toBeUndefined();
    expect(amountAnomaly(varied, transaction({ amount: 100_000, currency: 'USD' }), config)).toBeUndefined();
  });

  it('uses a tenth of the mean as the least deviation, so constant amounts still have a finite z-score', () => {
    const constant = profileAfter(history(10, { amount: 50 }));
    expect(amountAnomaly(constant, transaction({ amount: 70 }), config)?.details).toMatchObject({ zScore: 4, standardDeviation: 5 });
    expect(amountAnomaly(constant, transaction({ amount: 69.99 }), config)).toBeUndefined();
  });

  it('never fires for amounts below the mean', () => {
    expect(amountAnomaly(varied, transaction({ amount: 0.01 }), config)).toBeUndefined();
  });
});

describe('impossible travel (over 900 km/h, at least 300 km)', () => {
  const inBerlin = profileAfter([transaction({ occurredAt: at(0), location: BERLIN })]);
  // Berlin → Paris is ~877 km: 900 km/h needs ~58.5 minutes.
  it('fires when Paris follows Berlin within 58 minutes', () => {
    const hit = impossibleTravel(inBerlin, transaction({ occurredAt: at(58), location: PARIS, country: 'FR' }), config);
    expect(hit).toMatchObject({ rule: 'impossible-travel', points: 60, details: { distanceKm: 877, elapsedMinutes: 58, limitKmh: 900 } });
    expect(hit?.reason).toBe('877 km from the previous in-person transaction (DE) in 58 minutes: 908 km/h (limit 900 km/h)');
  });

  it('does not fire after 59 minutes', () => {
    expect(impossibleTravel(inBerlin, transaction({ occurredAt: at(59), location: PARIS }), config)).toBeUndefined();
  });

  it('compares by absolute time, so a transaction delivered late fires too', () => {
    expect(impossibleTravel(inBerlin, transaction({ occurredAt: at(-30), location: PARIS }), config)).toBeDefined();
  });

  it('ignores distances below the 300 km floor, however fast', () => {
    const atOrigin = profileAfter([transaction({ occurredAt: at(0), location: equatorKm(0) })]);
    expect(impossibleTravel(atOrigin, transaction({ occurredAt: at(1), location: equatorKm(299.5) }), config)).toBeUndefined();
    expect(impossibleTravel(atOrigin, transaction({ occurredAt: at(1), location: equatorKm(300.5) }), config)).toBeDefined();
  });

  it('counts elapsed time as at least one minute, so simultaneous transactions give a finite speed', () => {
    const hit = impossibleTravel(inBerlin, transaction({ occurredAt: at(0), location: PARIS }), config);
    expect(hit?.details).toMatchObject({ elapsedMinutes: 1, speedKmh: 52_648 });
  });

  it('does not fire for online transactions or without a previous in-person location', () => {
    expect(impossibleTravel(inBerlin, transaction({ occurredAt: at(5), location: PARIS, channel: 'online' }), config)).toBeUndefined();
    const onlineOnly = profileAfter([transaction({ channel: 'online', location: BERLIN })]);
    expect(impossibleTravel(onlineOnly, transaction({ occurredAt: at(5), location: PARIS }), config)).toBeUndefined();
    const { location: _none, ...withoutLocation } = transaction({ occurredAt: at(5) });
    expect(impossibleTravel(inBerlin, withoutLocation, config)).toBeUndefined();
  });
});

describe('new country (after 3 transactions)', () => {
  it('fires for an unseen country once the card has 3 transactions', () => {
    expect(newCountry(profileAfter(history(3)), transaction({ country: 'FR' }), config)).toEqual({
      rule: 'new-country',
      points: 15,
      reason: 'First transaction in FR after 3 transactions (seen: DE)',
      details: { country: 'FR', history: 3 },
    });
  });

  it('does not fire with 2 transactions of history, or for a country seen before', () => {
    expect(newCountry(profileAfter(history(2)), transaction({ country: 'FR' }), config)).toBeUndefined();
    expect(newCountry(profileAfter(history(3)), transaction({ country: 'DE' }), config)).toBeUndefined();
  });
});

describe('new merchant category (after 10 transactions)', () => {
  it('fires for an unseen MCC once the card has 10 transactions', () => {
    expect(newMerchantCategory(profileAfter(history(10)), transaction({ mcc: '7995' }), config)).toMatchObject({
      rule: 'new-merchant-category',
      points: 10,
      reason: 'First transaction with merchant category 7995 after 10 transactions',
    });
  });

  it('does not fire with 9 transactions of history, or for an MCC seen before', () => {
    expect(newMerchantCategory(profileAfter(history(9)), transaction({ mcc: '7995' }), config)).toBeUndefined();
    expect(newMerchantCategory(profileAfter(history(10)), transaction({ mcc: '5411' }), config)).toBeUndefined();
  });
});

describe('small then large (3 × ≤ 2.00 within 30 minutes, then ≥ 300.00)', () => {
  const probes = (firstAt: string, overrides: Parameters<typeof transaction>[0] = {}) =>
    profileAfter([firstAt, at(-20), at(-10)].map((occurredAt) => transaction({ occurredAt, amount: 2, ...overrides })));

  it('fires for 300.00 after three small amounts (window start inclusive)', () => {
    expect(smallThenLarge(probes(at(-30)), transaction({ amount: 300 }), config)).toEqual({
      rule: 'small-then-large',
      points: 60,
      reason: '3 amounts of at most 2.00 EUR in the 30 minutes before 300.00 EUR (threshold 3)',
      details: { smallTransactions: 3, windowMinutes: 30, threshold: 3 },
    });
  });

  it('does not fire for 299.99, for a probe a millisecond too early, for 2.01 probes or probes in another currency', () => {
    expect(smallThenLarge(probes(at(-30)), transaction({ amount: 299.99 }), config)).toBeUndefined();
    expect(smallThenLarge(probes(plusMs(at(-30), -1)), transaction({ amount: 300 }), config)).toBeUndefined();
    expect(smallThenLarge(probes(at(-30), { amount: 2.01 }), transaction({ amount: 300 }), config)).toBeUndefined();
    expect(smallThenLarge(probes(at(-30), { currency: 'USD' }), transaction({ amount: 300 }), config)).toBeUndefined();
  });

  it('measures the window back from the large transaction\'s own time', () => {
    expect(smallThenLarge(probes(at(-30)), transaction({ amount: 300, occurredAt: plusMs(at(0), MINUTE) }), config)).toBeUndefined();
  });
});

describe('windowed rules over any history', () => {
  // The rules walk the profile's recent list from its newest end and stop at the window's start; this checks them
  // against the definition (every recent transaction with start ≤ time ≤ the current one's) for histories folded
  // in any order, late arrivals included.
  const minutes = fc.integer({ min: -90, max: 5 });
  const amount = fc.constantFrom(1, 2, 2.01, 50);
  const currency = fc.constantFrom('EUR', 'USD');

  it('count exactly the recent transactions inside the window', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ minutes, amount, currency }), { maxLength: 40 }), fc.integer({ min: -5, max: 5 }), (earlier, nowMinutes) => {
        const profile = profileAfter(earlier.map((tx) => transaction({ occurredAt: at(tx.minutes), amount: tx.amount, currency: tx.currency })));
        const now = at(nowMinutes);
        const within = (windowMinutes: number) =>
          profile.recentTransactions.filter((recent) => recent.occurredAt <= now && Date.parse(recent.occurredAt) >= Date.parse(now) - windowMinutes * MINUTE);

        const inVelocityWindow = within(config.velocity.windowMinutes).length + 1;
        const velocityHit = velocity(profile, transaction({ occurredAt: now }), config);
        expect(velocityHit?.details.transactions).toBe(inVelocityWindow >= config.velocity.minTransactions ? inVelocityWindow : undefined);

        const small = within(config.smallThenLarge.windowMinutes).filter((recent) => recent.currency === 'EUR' && recent.amount <= 2).length;
        const largeHit = smallThenLarge(profile, transaction({ occurredAt: now, amount: 300, currency: 'EUR' }), config);
        expect(largeHit?.details.smallTransactions).toBe(small >= config.smallThenLarge.minSmallTransactions ? small : undefined);
      }),
      { numRuns: 300 },
    );
  });
});
