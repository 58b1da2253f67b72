// Injected fraud: five patterns, each planned as a short episode of timed transactions on one card, with their labels.
import type { Coordinates } from '../../shared/payments/geo-distance';
import { everydayTransaction, typicalEuros, type Card, type TransactionDraft } from './payments-cardholders';
import { ATM_CATEGORY, RISKY_CATEGORIES, type MerchantCategory, type MerchantDirectory } from './payments-merchants';
import { cashAmount, CITIES, citiesFartherThan, localAmount, pointNear, type City } from './payments-places';
import { WeightedChoice, type SeededRandom } from './random';

export const FRAUD_PATTERNS = ['velocity', 'amount-anomaly', 'impossible-travel', 'new-country', 'small-then-large'] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];

/** What the simulator knows about one transaction; kept out of the payload. */
export interface PaymentTruth {
  fraud: boolean;
  pattern?: FraudPattern;
  /** Groups the fraudulent transactions of one episode (one card); unique within a run. */
  episodeId?: string;
}

/** One transaction of an episode, due `offsetMs` of simulated time after the episode starts. */
export interface PlannedTransaction {
  offsetMs: number;
  draft: TransactionDraft;
  truth: PaymentTruth;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * The timings, compressed into minutes because event time is the wall clock (see payments-cards.ts), and
 * placed so each pattern is unmistakable: a velocity burst puts 6–10 payments into under 8 minutes while an
 * everyday card pays at most every 3 minutes; an impossible trip covers ≥ 1,500 km in 10–50 minutes
 * (≥ 1,800 km/h); card testing is 3–5 amounts ≤ 2.00 followed within 20 minutes by one ≥ 450 EUR-equivalent.
 */
export const FRAUD_TIMING = {
  velocity: { transactions: [6, 10], gapMs: [10 * SECOND, 50 * SECOND] },
  impossibleTravel: { minDistanceKm: 1_500, afterMs: [10 * MINUTE, 50 * MINUTE] },
  smallThenLarge: { smallTransactions: [3, 5], gapMs: [20 * SECOND, 2 * MINUTE], largeAfterMs: [1 * MINUTE, 8 * MINUTE] },
} as const;

/**
 * Everyday transactions a card needs before a pattern that compares with its history is injected, so the
 * pattern is detectable at all: the amount's mean and spread need ~10 payments in the currency, "new country"
 * needs a few to know the usual one.
 */
export const HISTORY_NEEDED: Readonly<Record<FraudPattern, number>> = {
  velocity: 0,
  'amount-anomaly': 12,
  'impossible-travel': 0,
  'new-country': 5,
  'small-then-large': 0,
};

const uniform = ([low, high]: readonly [number, number], random: SeededRandom): number => low + (high - low) * random.next();

/** Card testing probes with amounts ≤ 2.00: only meaningful in currencies with cents. */
export function eligiblePatterns(card: Card): FraudPattern[] {
  return FRAUD_PATTERNS.filter(
    (pattern) =>
      card.transactions >= HISTORY_NEEDED[pattern] && (pattern !== 'small-then-large' || card.home.currency.step === 0.01),
  );
}

export function choosePattern(card: Card, random: SeededRandom): FraudPattern {
  return new WeightedChoice(eligiblePatterns(card).map((pattern) => [pattern, 1] as const)).sample(random);
}

interface EpisodeContext {
  card: Card;
  episodeId: string;
  nowMs: number;
  random: SeededRandom;
  merchants: MerchantDirectory;
}

/** An online payment at a shop in `where` (home by default), `amount` in that country's currency. */
function onlineDraft(
  { card, random, merchants }: EpisodeContext,
  category: MerchantCategory,
  amount: number,
  where: City = card.home,
): TransactionDraft {
  return {
    cardId: card.cardId,
    ...merchants.pick(`online-${where.country}`, category, random),
    mcc: category.mcc,
    amount,
    currency: where.currency.code,
    country: where.country,
    channel: 'online',
  };
}

/** An in-person payment in `where`, `amount` in that country's currency. */
function inPersonDraft(
  { card, random, merchants }: EpisodeContext,
  category: MerchantCategory,
  amount: number,
  where: City,
  near: Coordinates,
): TransactionDraft {
  return {
    cardId: card.cardId,
    ...merchants.pick(where.name, category, random),
    mcc: category.mcc,
    amount,
    currency: where.currency.code,
    country: where.country,
    location: pointNear(near, 3, random),
    channel: category === ATM_CATEGORY ? 'atm' : 'card_present',
  };
}

const homeAmount = (card: Card, euros: number): number => localAmount(euros, card.home.currency);

/** A shopping spree on stolen card details: many online payments at ordinary amounts within minutes. */
function velocityBurst(context: EpisodeContext): PlannedTransaction[] {
  const { random } = context;
  const { transactions, gapMs } = FRAUD_TIMING.velocity;
  const categories = [RISKY_CATEGORIES.digitalGames, RISKY_CATEGORIES.electronics, RISKY_CATEGORIES.directMarketing];
  const count = random.int(transactions[0], transactions[1]);
  let offsetMs = 0;
  return Array.from({ length: count }, (_, index) => {
    if (index > 0) offsetMs += uniform(gapMs, random);
    const draft = onlineDraft(context, random.pick(categories), homeAmount(context.card, uniform([15, 120], random)));
    return { offsetMs, draft, truth: fraud('velocity', context) };
  });
}

/** One purchase far above anything the card usually pays, in its home currency. */
function amountAnomaly(context: EpisodeContext): PlannedTransaction[] {
  const { card, random } = context;
  const category = random.chance(0.5) ? RISKY_CATEGORIES.electronics : RISKY_CATEGORIES.jewellery;
  const amount = homeAmount(card, Math.max(250, typicalEuros(card) * uniform([12, 30], random)));
  const draft = random.chance(0.6)
    ? onlineDraft(context, category, amount)
    : inPersonDraft(context, category, amount, card.home, card.homePoint);
  return [{ offsetMs: 0, draft, truth: fraud('amount-anomaly', context) }];
}

/**
 * The cardholder pays at home (a genuine, in-person payment), and minutes later a cloned card is used in
 * person in a city at least 1,500 km away.
 */
function impossibleTravel(context: EpisodeContext): PlannedTransaction[] {
  const { card, random, merchants, nowMs } = context;
  const home = everydayTransaction(card, nowMs, random, merchants, true);
  const far = random.pick(citiesFartherThan(card.homePoint, FRAUD_TIMING.impossibleTravel.minDistanceKm));
  const atm = random.chance(0.5);
  const category = atm ? ATM_CATEGORY : random.pick([RISKY_CATEGORIES.electronics, RISKY_CATEGORIES.jewellery]);
  const amount = atm ? cashAmount(random.pick([100, 200, 300]), far.currency) : localAmount(uniform([80, 400], random), far.currency);
  const abroad = inPersonDraft(context, category, amount, far, far);
  return [
    { offsetMs: 0, draft: home, truth: { fraud: false } },
    { offsetMs: uniform(FRAUD_TIMING.impossibleTravel.afterMs, random), draft: abroad, truth: fraud('impossible-travel', context) },
  ];
}

/** An online payment in a country the card was never used in, at a kind of merchant it never paid. */
function newCountry(context: EpisodeContext): PlannedTransaction[] {
  const { card, random } = context;
  const abroad = random.pick(CITIES.filter((city) => city.country !== card.home.country));
  const category = random.pick([RISKY_CATEGORIES.gambling, RISKY_CATEGORIES.moneyTransfer, RISKY_CATEGORIES.directMarketing]);
  const draft = onlineDraft(context, category, localAmount(uniform([30, 250], random), abroad.currency), abroad);
  return [{ offsetMs: 0, draft, truth: fraud('new-country', context) }];
}

/** Card testing: a few tiny online payments to see whether the card works, then a large one. */
function smallThenLarge(context: EpisodeContext): PlannedTransaction[] {
  const { random } = context;
  const { smallTransactions, gapMs, largeAfterMs } = FRAUD_TIMING.smallThenLarge;
  const probes = [RISKY_CATEGORIES.charity, RISKY_CATEGORIES.digitalGames, RISKY_CATEGORIES.directMarketing];
  const count = random.int(smallTransactions[0], smallTransactions[1]);
  let offsetMs = 0;
  const planned: PlannedTransaction[] = Array.from({ length: count }, (_, index) => {
    if (index > 0) offsetMs += uniform(gapMs, random);
    const draft = onlineDraft(context, random.pick(probes), random.int(50, 200) / 100);
    return { offsetMs, draft, truth: fraud('small-then-large', context) };
  });
  const large = onlineDraft(
    context,
    random.pick([RISKY_CATEGORIES.electronics, RISKY_CATEGORIES.jewellery]),
    homeAmount(context.card, uniform([450, 1_500], random)),
  );
  planned.push({ offsetMs: offsetMs + uniform(largeAfterMs, random), draft: large, truth: fraud('small-then-large', context) });
  return planned;
}

const fraud = (pattern: FraudPattern, { episodeId }: EpisodeContext): PaymentTruth => ({ fraud: true, pattern, episodeId });

const PLANNERS: Readonly<Record<FraudPattern, (context: EpisodeContext) => PlannedTransaction[]>> = {
  velocity: velocityBurst,
  'amount-anomaly': amountAnomaly,
  'impossible-travel': impossibleTravel,
  'new-country': newCountry,
  'small-then-large': smallThenLarge,
};

/** The transactions of one episode in time order; the first is due at once. */
export function planEpisode(pattern: FraudPattern, context: EpisodeContext): PlannedTransaction[] {
  return PLANNERS[pattern](context);
}

export type { EpisodeContext };
