// Unit tests: applying a card's delivered transactions in sequence order, idempotently under redelivery.
import fc from 'fast-check';
import type { CardProfile } from '../../../../shared/payments/card-profile';
import { applyCardTransactions } from '../../../../shared/payments/card-transactions';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { streamRecord } from './payment-fixtures';

const config = DEFAULT_FRAUD_CONFIG;
const CARD = 'card-tok-1';
/** Five transactions of one card, a minute apart: the fifth is the first to reach the velocity threshold. */
const burst = [1, 2, 3, 4, 5].map((seq) => streamRecord(seq));

const profileOf = (outcome: { profile: CardProfile | 'unchanged' }): CardProfile => {
  if (outcome.profile === 'unchanged') throw new Error('expected a profile');
  return outcome.profile;
};

describe('applyCardTransactions', () => {
  it('scores each transaction against the profile as it was just before it', () => {
    const outcome = applyCardTransactions(undefined, CARD, burst, config);
    expect(outcome.scored.map(({ score }) => score.rulesFired)).toEqual([[], [], [], [], ['velocity']]);
    expect(outcome.scored.map(({ record }) => record.sequenceNumber)).toEqual(['1', '2', '3', '4', '5']);
    expect(profileOf(outcome)).toMatchObject({ transactionCount: 5, lastSequenceByShard: { 'shardId-000000000000': '5' } });
  });

  it('applies records in sequence order whatever order they were handed over in', () => {
    const shuffled = [burst[3]!, burst[0]!, burst[4]!, burst[2]!, burst[1]!];
    expect(applyCardTransactions(undefined, CARD, shuffled, config)).toEqual(applyCardTransactions(undefined, CARD, burst, config));
  });

  it('leaves the profile unchanged and scores nothing when the same batch is delivered again', () => {
    const stored = profileOf(applyCardTransactions(undefined, CARD, burst, config));
    expect(applyCardTransactions(stored, CARD, burst, config)).toEqual({ profile: 'unchanged', scored: [], replayed: 5 });
  });

  it('compares 56-digit sequence numbers exactly', () => {
    const base = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;
    const record = (offset: bigint) => ({ ...streamRecord(1), sequenceNumber: String(base + offset) });
    const stored = profileOf(applyCardTransactions(undefined, CARD, [record(1n)], config));
    expect(applyCardTransactions(stored, CARD, [record(1n)], config).profile).toBe('unchanged');
    expect(applyCardTransactions(stored, CARD, [record(2n)], config).scored).toHaveLength(1);
  });

  it('keeps positions per shard, so a record from a new shard after resharding is applied', () => {
    const stored = profileOf(applyCardTransactions(undefined, CARD, [streamRecord(7)], config));
    const outcome = applyCardTransactions(stored, CARD, [streamRecord(3, {}, 'shardId-000000000001')], config);
    expect(profileOf(outcome).lastSequenceByShard).toEqual({ 'shardId-000000000000': '7', 'shardId-000000000001': '3' });
  });

  it('scores every record exactly once, as a single delivery would, whatever batches and redeliveries bring them', () => {
    const arbitraryTransactions = fc.array(
      fc.record({ minutes: fc.integer({ min: 0, max: 600 }), cents: fc.integer({ min: 1, max: 200_000 }) }),
      { minLength: 1, maxLength: 25 },
    );
    /** Each delivery starts up to `back` records before the furthest one delivered so far (Lambda's retry) and holds `size`. */
    const arbitraryDeliveries = fc.array(fc.record({ back: fc.nat(5), size: fc.integer({ min: 1, max: 8 }) }), { maxLength: 12 });
    fc.assert(
      fc.property(arbitraryTransactions, arbitraryDeliveries, (transactions, deliveries) => {
        const records = transactions.map(({ minutes, cents }, i) =>
          streamRecord(i + 1, { amount: cents / 100, occurredAt: new Date(Date.UTC(2026, 10, 2) + minutes * 60_000).toISOString() }),
        );
        const single = applyCardTransactions(undefined, CARD, records, config);

        let profile: CardProfile | undefined;
        let delivered = 0;
        const scores = new Map<string, unknown>();
        for (const { back, size } of [...deliveries, { back: records.length, size: records.length }]) {
          const from = Math.max(0, delivered - back);
          const outcome = applyCardTransactions(profile, CARD, records.slice(from, from + size), config);
          for (const { record, score } of outcome.scored) {
            expect(scores.has(record.sequenceNumber)).toBe(false);
            scores.set(record.sequenceNumber, score);
          }
          if (outcome.profile !== 'unchanged') profile = outcome.profile;
          delivered = Math.max(delivered, Math.min(records.length, from + size));
        }

        expect(profile).toEqual(profileOf(single));
        expect(scores).toEqual(new Map(single.scored.map(({ record, score }) => [record.sequenceNumber, score])));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
