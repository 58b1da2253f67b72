// Simulated cardholders: a home city, a spending level, usual merchant categories, and their everyday transactions.
import type { Coordinates } from '../../shared/payments/geo-distance';
import type { Transaction } from '../../shared/events/payments';
import { PHYSICAL_CHANNELS } from '../../shared/payments/card-profile';
import { ATM_CATEGORY, EVERYDAY_CATEGORIES, rhythmSlot, type MerchantCategory, type MerchantDirectory } from './payments-merchants';
import { cashAmount, HOME_CITIES, localAmount, localHour, pointNear, type City } from './payments-places';
import { WeightedChoice, type SeededRandom } from './random';

/** A transaction without what is stamped when it is sent (id, event time, schema version). */
export type TransactionDraft = Omit<Transaction, 'schemaVersion' | 'transactionId' | 'occurredAt'>;

export interface Card {
  cardId: string;
  home: City;
  /** Where the cardholder lives and shops in person: everyday payments happen within a few km of it. */
  homePoint: Coordinates;
  /** Multiplies every typical amount: some people spend more than others (log-normal around 1). */
  spendLevel: number;
  usual: ReadonlyArray<{ category: MerchantCategory; weight: number }>;
  /** Everyday transactions generated so far: the history a fraud pattern may need before it is detectable. */
  transactions: number;
}

/** Everyday in-person payments stay within this radius of home: consecutive ones are never an "impossible" trip. */
export const HOME_RADIUS_KM = 3;

/** Spread of one category's amounts around a card's typical amount (log-normal sigma). */
const AMOUNT_SIGMA = 0.25;

const CATEGORY_POPULARITY = new WeightedChoice(EVERYDAY_CATEGORIES.map((category) => [category, category.popularity] as const));

export function createCard(random: SeededRandom): Card {
  const home = HOME_CITIES.sample(random);
  const wanted = random.int(4, 6);
  const usual: Array<{ category: MerchantCategory; weight: number }> = [];
  while (usual.length < wanted) {
    const category = CATEGORY_POPULARITY.sample(random);
    if (!usual.some((entry) => entry.category === category)) usual.push({ category, weight: 0.5 + random.next() });
  }
  return {
    cardId: `card_${random.hex(24)}`,
    home,
    homePoint: pointNear(home, 6, random),
    spendLevel: random.logNormal(1, 0.35),
    usual,
    transactions: 0,
  };
}

/** The card's typical amount in euros over its usual categories (ATM withdrawals aside). */
export function typicalEuros(card: Card): number {
  const shopping = card.usual.filter(({ category }) => category !== ATM_CATEGORY);
  const weight = shopping.reduce((sum, entry) => sum + entry.weight, 0);
  const amount = shopping.reduce((sum, entry) => sum + entry.weight * entry.category.typicalEuros, 0);
  return weight > 0 ? (amount / weight) * card.spendLevel : 25 * card.spendLevel;
}

/**
 * One of the card's usual categories, weighted by how busy it is at this local hour: coffee and transit in the
 * morning, restaurants at lunch and dinner, groceries in the evening, streaming at night. One draw whatever
 * the hour.
 */
function categoryAt(card: Card, hour: number, random: SeededRandom, physicalOnly: boolean): MerchantCategory {
  const slot = rhythmSlot(hour);
  const candidates = card.usual.filter(({ category }) => !physicalOnly || category.channels.some(([channel]) => PHYSICAL_CHANNELS.has(channel)));
  const weights = candidates.map(({ category, weight }) => weight * (category.rhythm[slot] ?? 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random.next() * total;
  for (let index = 0; index < candidates.length; index++) {
    target -= weights[index] ?? 0;
    if (target < 0) return (candidates[index] as Card['usual'][number]).category;
  }
  // Floating-point rounding can leave a sliver past the last weight.
  return (candidates[candidates.length - 1] as Card['usual'][number]).category;
}

function channelFor(category: MerchantCategory, random: SeededRandom, physicalOnly: boolean): Transaction['channel'] {
  const channels = physicalOnly ? category.channels.filter(([channel]) => PHYSICAL_CHANNELS.has(channel)) : category.channels;
  return new WeightedChoice(channels).sample(random);
}

/**
 * In the home currency. Withdrawals are 1.5–3 times what the card typically spends, in notes. Both candidate
 * amounts are drawn every time, so the category never changes how many numbers are drawn.
 */
function everydayAmount(card: Card, category: MerchantCategory, random: SeededRandom): number {
  const spread = random.logNormal(1, AMOUNT_SIGMA);
  const withdrawal = typicalEuros(card) * (1.5 + 1.5 * random.next());
  const { currency } = card.home;
  return category === ATM_CATEGORY ? cashAmount(withdrawal, currency) : localAmount(category.typicalEuros * card.spendLevel * spread, currency);
}

/**
 * An everyday payment at home: a usual category, in the home currency, in person near home or online at a
 * domestic shop. `physicalOnly` forces an in-person one (the "home" transaction before an impossible trip).
 * The local hour shapes what is bought; the count of random draws is the same whatever it is, so a seed gives
 * the same cards, ids and fraud episodes at any time of day.
 */
export function everydayTransaction(
  card: Card,
  nowMs: number,
  random: SeededRandom,
  merchants: MerchantDirectory,
  physicalOnly = false,
): TransactionDraft {
  const category = categoryAt(card, localHour(card.home, nowMs), random, physicalOnly);
  const channel = channelFor(category, random, physicalOnly);
  const online = channel === 'online';
  const merchant = merchants.pick(online ? `online-${card.home.country}` : card.home.name, category, random);
  const amount = everydayAmount(card, category, random);
  const location = pointNear(card.homePoint, HOME_RADIUS_KM, random);
  return {
    cardId: card.cardId,
    ...merchant,
    mcc: category.mcc,
    amount,
    currency: card.home.currency.code,
    country: card.home.country,
    ...(online ? {} : { location }),
    channel,
  };
}
