// Unit tests: folding transactions into a card profile (window bounds, locations, seen values, per-currency stats).
import fc from 'fast-check';
import { emptyCardProfile, updateProfile } from '../../../../shared/payments/card-profile';
import { DEFAULT_FRAUD_CONFIG, type FraudConfig } from '../../../../shared/payments/fraud-config';
import { at, BERLIN, PARIS, profileAfter, transaction } from './payment-fixtures';

const config = DEFAULT_FRAUD_CONFIG;
const withBounds = (profile: Partial<FraudConfig['profile']>): FraudConfig => ({
  ...config,
  profile: { ...config.profile, ...profile },
});

describe('updateProfile', () => {
  it('starts from an empty profile and records the first transaction', () => {
    const profile = updateProfile(emptyCardProfile('card-tok-1'), transaction({ amount: 10 }), config);
    expect(profile).toEqual({
      cardId: 'card-tok-1',
      transactionCount: 1,
      firstSeenAt: at(0),
      lastSeenAt: at(0),
      amountStatsByCurrency: { EUR: { count: 1, mean: 10, m2: 0 } },
      recentTransactions: [{ occurredAt: at(0), amount: 10, currency: 'EUR' }],
      lastLocation: { occurredAt: at(0), ...BERLIN, country: 'DE' },
      seenCountries: ['DE'],
      seenMerchantCategories: ['5411'],
      lastSequenceByShard: {},
      recentTransactionIds: '',
    });
  });

  it('keeps amount statistics per currency', () => {
    const profile = profileAfter([
      transaction({ amount: 10 }),
      transaction({ amount: 30 }),
      transaction({ amount: 5000, currency: 'JPY' }),
    ]);
    expect(profile.amountStatsByCurrency).toEqual({
      EUR: { count: 2, mean: 20, m2: 200 },
      JPY: { count: 1, mean: 5000, m2: 0 },
    });
  });

  it('tracks no new currency beyond the bound', () => {
    const profile = profileAfter(
      [transaction({ currency: 'EUR' }), transaction({ currency: 'USD' }), transaction({ currency: 'GBP' })],
      withBounds({ maxCurrencies: 2 }),
    );
    expect(Object.keys(profile.amountStatsByCurrency)).toEqual(['EUR', 'USD']);
  });

  it('keeps the recent window in event-time order even when transactions arrive out of order', () => {
    const profile = profileAfter([transaction({ occurredAt: at(5) }), transaction({ occurredAt: at(1) }), transaction({ occurredAt: at(3) })]);
    expect(profile.recentTransactions.map((recent) => recent.occurredAt)).toEqual([at(1), at(3), at(5)]);
    expect([profile.firstSeenAt, profile.lastSeenAt]).toEqual([at(1), at(5)]);
  });

  it('drops recent transactions older than the longest rule window (30 minutes), measured from the newest one', () => {
    const profile = profileAfter([transaction({ occurredAt: at(0) }), transaction({ occurredAt: at(1) }), transaction({ occurredAt: at(31) })]);
    expect(profile.recentTransactions.map((recent) => recent.occurredAt)).toEqual([at(1), at(31)]);
  });

  it('keeps at most maxRecentTransactions, the newest', () => {
    const times = [1, 2, 3, 4].map((minute) => transaction({ occurredAt: at(minute) }));
    const profile = profileAfter(times, withBounds({ maxRecentTransactions: 3 }));
    expect(profile.recentTransactions.map((recent) => recent.occurredAt)).toEqual([at(2), at(3), at(4)]);
  });

  it('keeps, for any arrival order, what the definition keeps: all in event-time order, then the newest within the window and the count', () => {
    const bounds = withBounds({ maxRecentTransactions: 5 });
    /** The definition, spelled out: insert after equal times, cut entries older than the window before the newest, keep the last N. */
    const expected = (recent: ReadonlyArray<{ occurredAt: string; amount: number }>, next: { occurredAt: string; amount: number }) => {
      const ordered = [...recent.filter((entry) => entry.occurredAt <= next.occurredAt), next, ...recent.filter((entry) => entry.occurredAt > next.occurredAt)];
      const newestMs = Date.parse(ordered[ordered.length - 1]!.occurredAt);
      return ordered.filter((entry) => Date.parse(entry.occurredAt) >= newestMs - 30 * 60_000).slice(-5);
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 30 }), (minutes) => {
        let profile = emptyCardProfile('card');
        let model: Array<{ occurredAt: string; amount: number }> = [];
        minutes.forEach((minute, index) => {
          const next = { occurredAt: at(minute), amount: index + 1 };
          profile = updateProfile(profile, transaction({ occurredAt: next.occurredAt, amount: next.amount }), bounds);
          model = expected(model, next);
          expect(profile.recentTransactions.map(({ occurredAt, amount }) => ({ occurredAt, amount }))).toEqual(model);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('remembers the latest location of a physical-channel transaction only', () => {
    const profile = profileAfter([
      transaction({ occurredAt: at(0), location: BERLIN }),
      transaction({ occurredAt: at(5), location: PARIS, channel: 'online', country: 'FR' }),
      transaction({ occurredAt: at(-5), location: PARIS, channel: 'atm', country: 'FR' }),
    ]);
    expect(profile.lastLocation).toEqual({ occurredAt: at(0), ...BERLIN, country: 'DE' });
    expect(profileAfter([transaction({ channel: 'contactless', location: PARIS, country: 'FR' })]).lastLocation).toMatchObject(PARIS);
  });

  it('keeps seen countries and merchant categories distinct, in first-use order, dropping the oldest beyond the bound', () => {
    const profile = profileAfter(
      [
        transaction({ country: 'DE', mcc: '5411' }),
        transaction({ country: 'AT', mcc: '5812' }),
        transaction({ country: 'DE', mcc: '5411' }),
        transaction({ country: 'FR', mcc: '4111' }),
      ],
      withBounds({ maxSeenCountries: 2, maxSeenMerchantCategories: 3 }),
    );
    expect(profile.seenCountries).toEqual(['AT', 'FR']);
    expect(profile.seenMerchantCategories).toEqual(['5411', '5812', '4111']);
    expect(profile.transactionCount).toBe(4);
  });

  it('does not modify the profile it was given', () => {
    const before = profileAfter([transaction()]);
    const snapshot = structuredClone(before);
    updateProfile(before, transaction({ amount: 99, country: 'FR' }), config);
    expect(before).toEqual(snapshot);
  });
});
