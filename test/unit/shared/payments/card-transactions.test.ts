// Unit tests: applying a card's delivered transactions in sequence order, idempotently under redelivery and client resends.
import fc from 'fast-check';
import { cardProfileSchema, RECENT_TRANSACTION_IDS_PER_CARD, type CardProfile } from '../../../../shared/payments/card-profile';
import { applyCardTransactions } from '../../../../shared/payments/card-transactions';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { at, SHARD, streamRecord } from './payment-fixtures';

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
    expect(applyCardTransactions(stored, CARD, burst, config)).toEqual({ profile: 'unchanged', scored: [], replayed: 5, resent: 0 });
  });

  it('compares 56-digit sequence numbers exactly', () => {
    const base = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;
    const record = (offset: bigint) => ({ ...streamRecord(Number(offset)), sequenceNumber: String(base + offset) });
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

describe('applyCardTransactions with client resends (same transactionId, new record)', () => {
  /** Transaction `seq` of `burst` sent again by the client: a new stream record at `resentAs`, the same payload. */
  const resend = (seq: number, resentAs: number) => ({ ...streamRecord(seq), sequenceNumber: String(resentAs) });

  it('skips a resend in a later batch: unscored, profile unchanged, nothing to write', () => {
    const stored = profileOf(applyCardTransactions(undefined, CARD, burst, config));
    expect(applyCardTransactions(stored, CARD, [resend(5, 9), resend(2, 10)], config)).toEqual({
      profile: 'unchanged',
      scored: [],
      replayed: 0,
      resent: 2,
    });
  });

  it('scores a transaction once when its resend arrives in the same batch, so resends never inflate velocity', () => {
    const four = burst.slice(0, 4);
    const outcome = applyCardTransactions(undefined, CARD, [...four, ...[1, 2, 3, 4].map((seq) => resend(seq, 10 + seq))], config);
    expect(outcome.scored.map(({ record }) => record.sequenceNumber)).toEqual(['1', '2', '3', '4']);
    expect(outcome.scored.flatMap(({ score }) => score.rulesFired)).toEqual([]);
    expect(outcome.resent).toBe(4);
    expect(profileOf(outcome)).toMatchObject({ transactionCount: 4, lastSequenceByShard: { [SHARD]: '4' } });
    expect(profileOf(outcome).amountStatsByCurrency.EUR?.count).toBe(4);
  });

  it('scores a different transaction with a different id, even with identical content', () => {
    const stored = profileOf(applyCardTransactions(undefined, CARD, [streamRecord(1)], config));
    const twin = streamRecord(2, { occurredAt: at(1) });
    expect(applyCardTransactions(stored, CARD, [twin], config).scored).toHaveLength(1);
  });

  it('remembers the last RECENT_TRANSACTION_IDS_PER_CARD ids: an older transaction resent is scored again (the documented bound)', () => {
    const spaced = (seq: number) => streamRecord(seq, { occurredAt: at(seq * 60) }); // an hour apart: no velocity
    const records = Array.from({ length: RECENT_TRANSACTION_IDS_PER_CARD + 1 }, (_, i) => spaced(i + 1));
    const stored = profileOf(applyCardTransactions(undefined, CARD, records, config));
    const first = { ...spaced(1), sequenceNumber: '100' };
    const second = { ...spaced(2), sequenceNumber: '100' };
    expect(applyCardTransactions(stored, CARD, [first], config).scored).toHaveLength(1);
    expect(applyCardTransactions(stored, CARD, [second], config).resent).toBe(1);
    expect(stored.recentTransactionIds).toHaveLength(RECENT_TRANSACTION_IDS_PER_CARD * 22);
  });

  it('reads a profile stored before transaction ids were remembered, and starts remembering them', () => {
    const { recentTransactionIds: _absent, ...stored } = profileOf(applyCardTransactions(undefined, CARD, burst.slice(0, 2), config));
    const before = cardProfileSchema.parse(stored);
    expect(before.recentTransactionIds).toBeUndefined();
    const next = profileOf(applyCardTransactions(before, CARD, [streamRecord(3)], config));
    expect(next.transactionCount).toBe(3);
    expect(applyCardTransactions(next, CARD, [resend(3, 4)], config).resent).toBe(1);
  });

  it('scores each transaction once and ends with the single delivery’s profile, whatever resends and redeliveries bring', () => {
    const arbitraryStream = fc.record({
      minutes: fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
      // Each resend repeats a transaction at most RECENT_TRANSACTION_IDS_PER_CARD - 1 transactions back: within the bound.
      resends: fc.array(fc.record({ after: fc.nat(), back: fc.nat(RECENT_TRANSACTION_IDS_PER_CARD - 1) }), { maxLength: 8 }),
      batchSize: fc.integer({ min: 1, max: 8 }),
      redeliverFrom: fc.nat(30),
    });
    fc.assert(
      fc.property(arbitraryStream, ({ minutes, resends, batchSize, redeliverFrom }) => {
        const payloads = minutes.map((minute, i) =>
          streamRecord(i + 1, { occurredAt: new Date(Date.UTC(2026, 10, 2) + minute * 60_000).toISOString() }).payload,
        );
        const sent = payloads.flatMap((payload, index) => [
          payload,
          ...resends.filter(({ after }) => after % payloads.length === index).map(({ back }) => payloads[Math.max(0, index - back)]!),
        ]);
        const stream = sent.map((payload, index) => ({ shardId: SHARD, sequenceNumber: String(index + 1), partitionKey: CARD, payload }));
        const originals = stream.filter((record, index) => sent.indexOf(record.payload) === index);
        const single = applyCardTransactions(undefined, CARD, originals, config);

        let profile: CardProfile | undefined;
        const scored: string[] = [];
        const deliver = (records: typeof stream) => {
          const outcome = applyCardTransactions(profile, CARD, records, config);
          scored.push(...outcome.scored.map(({ record }) => record.payload.transactionId));
          if (outcome.profile !== 'unchanged') profile = outcome.profile;
        };
        for (let start = 0; start < stream.length; start += batchSize) deliver(stream.slice(start, start + batchSize));
        deliver(stream.slice(Math.min(redeliverFrom, stream.length - 1)));

        expect(profile).toEqual(profileOf(single));
        expect(scored).toEqual(originals.map((record) => record.payload.transactionId));
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
