// The card-payments generator: reproducible, valid transactions, fraud at its share, patterns as labelled, labels only in the truth.
import { paymentsIngestRequestSchema, transactionSchema, type Transaction } from '../../../../shared/events/payments';
import { haversineKm } from '../../../../shared/payments/geo-distance';
import { createPaymentsGenerator, EVERYDAY_GAP, type PaymentsGeneratorOptions } from '../../../../scripts/simulate/payments-cards';
import { FRAUD_PATTERNS, type PaymentTruth } from '../../../../scripts/simulate/payments-fraud';
import type { TrafficItem } from '../../../../scripts/simulate/traffic';
import { MAX_BATCH_SIZE } from '../../../../scripts/simulate/traffic-runner';

type Item = TrafficItem<Transaction, PaymentTruth>;

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const MINUTE = 60_000;

/** Drives the generator like the runner at its target rate, on a virtual clock starting at `startMs`. */
function generate(options: PaymentsGeneratorOptions, count: number, startMs = T0): Item[] {
  const generator = createPaymentsGenerator(options);
  return Array.from({ length: count }, (_, index) => generator.next(startMs + (index * 1000) / options.targetRate));
}

const truthOf = (item: Item): PaymentTruth => item.truth as PaymentTruth;
const at = (item: Item): number => Date.parse(item.payload.occurredAt);

function groupBy<K>(items: readonly Item[], key: (item: Item) => K): Map<K, Item[]> {
  const groups = new Map<K, Item[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

describe('createPaymentsGenerator', () => {
  // 100 minutes at 10/s: long enough for cards to build the history the profile patterns need.
  const items = generate({ seed: 'cards', targetRate: 10 }, 60_000);
  const byCard = groupBy(items, (item) => item.payload.cardId);
  const episodes = groupBy(
    items.filter((item) => truthOf(item).fraud),
    (item) => truthOf(item).episodeId,
  );
  /** Episodes begun an hour before the run stopped: they are complete. */
  const endMs = at(items[items.length - 1] as Item);
  const completeEpisodes = (pattern: string): Item[][] =>
    [...episodes.values()].filter(([first]) => truthOf(first as Item).pattern === pattern && at(first as Item) < endMs - 60 * MINUTE);
  /** The card's transactions before `item`. */
  const historyBefore = (item: Item): Item[] => {
    const card = byCard.get(item.payload.cardId) ?? [];
    return card.slice(0, card.indexOf(item));
  };

  it('is reproducible: the same seed gives the same transactions and truth; another seed does not', () => {
    const first = generate({ seed: 3, targetRate: 20 }, 3_000);
    expect(generate({ seed: 3, targetRate: 20 }, 3_000)).toEqual(first);
    expect(generate({ seed: 4, targetRate: 20 }, 3_000).map((item) => item.id)).not.toEqual(first.map((item) => item.id));
  });

  it('lets the time of day change what is bought, never the ids, cards or fraud', () => {
    const morning = generate({ seed: 3, targetRate: 20 }, 3_000, T0);
    const evening = generate({ seed: 3, targetRate: 20 }, 3_000, T0 + 11 * 60 * MINUTE);
    expect(evening.map((item) => [item.id, item.payload.cardId, item.truth])).toEqual(
      morning.map((item) => [item.id, item.payload.cardId, item.truth]),
    );
    expect(evening.map((item) => item.payload.mcc)).not.toEqual(morning.map((item) => item.payload.mcc));
  });

  it('emits transactions that satisfy the contract, in requests the API accepts', () => {
    for (const item of items.slice(0, 5_000)) expect(transactionSchema.safeParse(item.payload).success).toBe(true);
    const fraudulent = items.filter((item) => truthOf(item).fraud);
    for (const item of fraudulent) expect(transactionSchema.safeParse(item.payload).success).toBe(true);
    for (let start = 0; start + MAX_BATCH_SIZE <= 10_000; start += MAX_BATCH_SIZE) {
      const transactions = items.slice(start, start + MAX_BATCH_SIZE).map((item) => item.payload);
      expect(paymentsIngestRequestSchema.safeParse({ transactions }).success).toBe(true);
    }
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    expect(items.every((item) => item.id === item.payload.transactionId)).toBe(true);
  });

  it('keeps the labels out of the payload', () => {
    for (const item of items.filter((candidate) => truthOf(candidate).fraud)) {
      expect(JSON.stringify(item.payload)).not.toMatch(/fraud|pattern|episode|velocity|anomaly|travel/);
    }
    expect(new Set(items.map((item) => truthOf(item).fraud))).toEqual(new Set([true, false]));
  });

  it('makes the configured share of transactions fraudulent, with every pattern', () => {
    const share = (run: readonly Item[]): number => run.filter((item) => truthOf(item).fraud).length / run.length;
    expect(share(items)).toBeGreaterThan(0.018);
    expect(share(items)).toBeLessThan(0.022);
    expect(new Set(items.flatMap((item) => truthOf(item).pattern ?? []))).toEqual(new Set(FRAUD_PATTERNS));
    // Episodes still unfolding when the run stops were counted when they started: a long run to keep them few.
    const heavy = generate({ seed: 'cards', targetRate: 10, fraudShare: 0.1 }, 60_000);
    expect(share(heavy)).toBeGreaterThan(0.093);
    expect(share(heavy)).toBeLessThan(0.105);
    expect(share(generate({ seed: 'cards', targetRate: 10, fraudShare: 0 }, 5_000))).toBe(0);
  });

  it('labels genuine transactions without a pattern and fraudulent ones with pattern and episode', () => {
    const shapes = new Set(items.map(({ truth }) => JSON.stringify(Object.keys(truth ?? {}))));
    expect([...shapes].sort()).toEqual(['["fraud","pattern","episodeId"]', '["fraud"]']);
    expect(items.filter(({ truth }) => truth?.fraud === false && truth.pattern !== undefined)).toEqual([]);
  });

  it('spends everyday money at home, in the home currency, never faster than one payment per ~3 minutes', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const card of byCard.values()) {
      const everyday = card.filter((item) => !truthOf(item).fraud);
      const [first] = everyday;
      if (first === undefined) continue;
      const home = everyday.find((item) => item.payload.location !== undefined)?.payload.location;
      for (const [index, { payload }] of everyday.entries()) {
        if (payload.country !== first.payload.country || payload.currency !== first.payload.currency) problems.push(`${payload.transactionId} abroad`);
        if (home !== undefined && payload.location !== undefined && haversineKm(home, payload.location) > 20) problems.push(`${payload.transactionId} far`);
        const previous = everyday[index - 1];
        // The runner's clock and the simulated one agree to within a few percent.
        if (previous !== undefined && Date.parse(payload.occurredAt) - at(previous) < 0.9 * EVERYDAY_GAP.minMs) problems.push(`${payload.transactionId} soon`);
        checked++;
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('bursts 6–10 online payments within 10 minutes for velocity', () => {
    const bursts = completeEpisodes('velocity');
    expect(bursts.length).toBeGreaterThan(20);
    for (const burst of bursts) {
      expect(burst.length).toBeGreaterThanOrEqual(6);
      expect(burst.length).toBeLessThanOrEqual(10);
      expect(new Set(burst.map((item) => item.payload.cardId)).size).toBe(1);
      expect(burst.every((item) => item.payload.channel === 'online')).toBe(true);
      expect(at(burst[burst.length - 1] as Item) - at(burst[0] as Item)).toBeLessThan(10 * MINUTE);
    }
  });

  it('tests a card with 3–5 amounts of at most 2.00, then pays at least 300 within 30 minutes', () => {
    const tests = completeEpisodes('small-then-large');
    expect(tests.length).toBeGreaterThan(20);
    for (const test of tests) {
      const large = test[test.length - 1] as Item;
      const small = test.slice(0, -1);
      expect(small.length).toBeGreaterThanOrEqual(3);
      expect(small.every((item) => item.payload.amount <= 2 && item.payload.currency === large.payload.currency)).toBe(true);
      expect(large.payload.amount).toBeGreaterThanOrEqual(300);
      expect(at(large) - at(small[0] as Item)).toBeLessThan(30 * MINUTE);
    }
  });

  it('uses a card in person at least 1,500 km from its previous in-person payment, minutes after it', () => {
    const trips = items.filter((item) => truthOf(item).pattern === 'impossible-travel');
    expect(trips.length).toBeGreaterThan(20);
    for (const trip of trips) {
      const previous = historyBefore(trip).at(-1) as Item;
      expect(truthOf(previous).fraud).toBe(false);
      expect(['card_present', 'contactless', 'atm']).toContain(previous.payload.channel);
      expect(['card_present', 'atm']).toContain(trip.payload.channel);
      const distanceKm = haversineKm(previous.payload.location!, trip.payload.location!);
      const hours = (at(trip) - at(previous)) / (60 * MINUTE);
      expect(distanceKm).toBeGreaterThanOrEqual(1_450);
      expect(hours).toBeLessThan(1);
      expect(distanceKm / hours).toBeGreaterThan(1_000);
    }
  });

  it('pays in a country and a merchant category the card has never used, once it has a history', () => {
    const firsts = items.filter((item) => truthOf(item).pattern === 'new-country');
    expect(firsts.length).toBeGreaterThan(20);
    for (const item of firsts) {
      const history = historyBefore(item);
      expect(history.length).toBeGreaterThanOrEqual(5);
      expect(history.map((earlier) => earlier.payload.country)).not.toContain(item.payload.country);
      expect(history.map((earlier) => earlier.payload.mcc)).not.toContain(item.payload.mcc);
    }
  });

  it('pays far above the card’s usual amounts once it has enough of them', () => {
    const anomalies = items.filter((item) => truthOf(item).pattern === 'amount-anomaly');
    expect(anomalies.length).toBeGreaterThan(10);
    for (const item of anomalies) {
      const sameCurrency = historyBefore(item).filter((earlier) => earlier.payload.currency === item.payload.currency);
      expect(sameCurrency.length).toBeGreaterThanOrEqual(12);
      const amounts = sameCurrency.map((earlier) => earlier.payload.amount);
      const mean = amounts.reduce((sum, amount) => sum + amount, 0) / amounts.length;
      expect(item.payload.amount / mean).toBeGreaterThan(5);
      expect(item.payload.amount / Math.max(...amounts)).toBeGreaterThan(2);
    }
  });

  it('reissues a card after its fraud episode: the card id never pays again', () => {
    for (const episode of episodes.values()) {
      const last = episode[episode.length - 1] as Item;
      const card = byCard.get(last.payload.cardId) as Item[];
      expect(card[card.length - 1]).toBe(last);
    }
  });

  it('sizes the card population so that it produces the target rate', () => {
    expect(createPaymentsGenerator({ seed: 1, targetRate: 10 }).activeCount()).toBe(3_000);
    expect(() => createPaymentsGenerator({ seed: 1, targetRate: 0 })).toThrow(RangeError);
    expect(() => createPaymentsGenerator({ seed: 1, targetRate: 1, fraudShare: 1 })).toThrow(/fraudShare/);
  });
});
