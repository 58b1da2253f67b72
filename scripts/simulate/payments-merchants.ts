// Merchant categories (MCC) with typical amounts, channels and time-of-day rhythm, and reproducible merchants per place.
import type { PaymentChannel } from '../../shared/events/payments';
import type { SeededRandom } from './random';

/** Night 0–6, morning 6–10, midday 10–14, afternoon 14–18, evening 18–22, late 22–24 (local time). */
export type DayRhythm = readonly [number, number, number, number, number, number];

export interface MerchantCategory {
  mcc: string;
  /** Median amount in euros. */
  typicalEuros: number;
  channels: ReadonlyArray<readonly [PaymentChannel, number]>;
  /** How busy the category is in each part of the day, relative to its average. */
  rhythm: DayRhythm;
  /** How many cardholders have it among their usual categories (relative). */
  popularity: number;
  names: readonly string[];
}

const category = (
  mcc: string,
  typicalEuros: number,
  channels: MerchantCategory['channels'],
  rhythm: DayRhythm,
  popularity: number,
  names: readonly string[],
): MerchantCategory => ({ mcc, typicalEuros, channels, rhythm, popularity, names });

/**
 * What cardholders normally buy. Typical amounts span a few euros to ~45, so a card's amount profile has a
 * spread without everyday purchases looking like outliers; ATM withdrawals are round amounts near what the
 * card usually spends (see payments-cardholders.ts).
 */
export const EVERYDAY_CATEGORIES: readonly MerchantCategory[] = [
  category('5411', 38, [['card_present', 50], ['contactless', 45], ['online', 5]], [0.1, 0.6, 1, 1, 1.6, 0.3], 10, ['Fresh Market', 'Corner Grocer', 'Green Basket', 'Daily Foods']),
  category('5812', 32, [['card_present', 55], ['contactless', 45]], [0.05, 0.2, 1.5, 0.5, 1.8, 0.6], 8, ['Trattoria Sole', 'Blue Door Bistro', 'Noodle House', 'The Local Kitchen']),
  category('5814', 8, [['contactless', 80], ['card_present', 20]], [0.2, 1.6, 1.4, 0.8, 0.7, 0.5], 8, ['Bean There Coffee', 'Quick Bite', 'Bagel Corner', 'Morning Roast']),
  category('5541', 45, [['card_present', 70], ['contactless', 30]], [0.2, 1, 1, 1, 1, 0.3], 5, ['Fuel Stop', 'Highway Energy', 'City Petrol']),
  category('4111', 3.5, [['contactless', 100]], [0.1, 1.8, 0.6, 0.8, 1.5, 0.4], 5, ['Metro Transit', 'City Bus Lines']),
  category('4121', 19, [['online', 60], ['contactless', 40]], [0.8, 0.6, 0.5, 0.6, 1, 1.4], 3, ['RideNow', 'Yellow Cab Co', 'GoTaxi']),
  category('5912', 16, [['card_present', 50], ['contactless', 50]], [0.05, 0.8, 1.2, 1.2, 0.9, 0.1], 4, ['Health Pharmacy', 'Care Apotheke', 'Wellness Drugstore']),
  category('5311', 40, [['card_present', 60], ['contactless', 25], ['online', 15]], [0.02, 0.3, 1, 1.5, 1.2, 0.1], 3, ['Grand Department Store', 'Central Galleria']),
  category('5651', 45, [['card_present', 50], ['online', 50]], [0.2, 0.3, 1, 1.5, 1.3, 0.6], 3, ['Urban Threads', 'Denim & Co', 'Style Avenue']),
  category('5942', 20, [['card_present', 50], ['online', 50]], [0.2, 0.4, 1, 1.2, 1, 0.5], 2, ['Chapter One Books', 'Paper Lantern']),
  category('5815', 9, [['online', 100]], [1, 0.6, 0.7, 0.8, 1.3, 1.5], 5, ['StreamBox', 'TuneCloud', 'eBook Hub']),
  category('7832', 14, [['card_present', 40], ['online', 60]], [0.1, 0.02, 0.3, 0.8, 1.8, 1], 2, ['Starlight Cinema', 'Odeon Screens']),
  category('6011', 0, [['atm', 100]], [0.2, 0.8, 1.2, 1.2, 1, 0.4], 4, ['Bank ATM', 'Cash Point']),
];

export const ATM_CATEGORY = EVERYDAY_CATEGORIES.find((category) => category.mcc === '6011') as MerchantCategory;

/**
 * Where stolen card data gets used, never among a cardholder's usual categories: electronics and jewellery
 * resell well, gambling and money transfers turn into cash, digital goods and charities test a card quietly.
 */
export const RISKY_CATEGORIES = {
  electronics: category('5732', 150, [['online', 70], ['card_present', 30]], [1, 1, 1, 1, 1, 1], 0, ['Mega Electronics', 'Gadget World', 'TechPoint']),
  jewellery: category('5944', 300, [['online', 50], ['card_present', 50]], [1, 1, 1, 1, 1, 1], 0, ['Golden Hour Jewels', 'Diamond Row']),
  gambling: category('7995', 50, [['online', 100]], [1, 1, 1, 1, 1, 1], 0, ['LuckySpin Casino', 'BetRoyal']),
  moneyTransfer: category('4829', 200, [['online', 100]], [1, 1, 1, 1, 1, 1], 0, ['QuickWire', 'SendFast Transfers']),
  directMarketing: category('5967', 30, [['online', 100]], [1, 1, 1, 1, 1, 1], 0, ['Deal Club', 'Prime Offers Online']),
  digitalGames: category('5816', 20, [['online', 100]], [1, 1, 1, 1, 1, 1], 0, ['GameCoins', 'Pixel Credits']),
  charity: category('8398', 10, [['online', 100]], [1, 1, 1, 1, 1, 1], 0, ['Helping Hands Fund', 'Clean Water Trust']),
} as const;

export const rhythmSlot = (localHour: number): number => {
  if (localHour < 6) return 0;
  if (localHour < 10) return 1;
  if (localHour < 14) return 2;
  if (localHour < 18) return 3;
  return localHour < 22 ? 4 : 5;
};

export interface Merchant {
  merchantId: string;
  merchantName: string;
}

const MERCHANTS_PER_PLACE = 6;

/**
 * A few merchants per (place, category), created on first use from a random stream derived from the place and
 * category names: the same merchant ids come back in every run with the seed, whatever was drawn before.
 */
export class MerchantDirectory {
  private readonly merchants = new Map<string, Merchant[]>();

  constructor(private readonly random: SeededRandom) {}

  /** `place` is a city name for in-person payments, "online-<country>" for web shops. */
  pick(place: string, merchantCategory: MerchantCategory, random: SeededRandom): Merchant {
    const key = `${place}/${merchantCategory.mcc}`;
    let merchants = this.merchants.get(key);
    if (merchants === undefined) {
      const local = this.random.derive(key);
      merchants = Array.from({ length: MERCHANTS_PER_PLACE }, (_, index) => ({
        merchantId: `m_${local.hex(16)}`,
        merchantName: merchantName(merchantCategory.names[index % merchantCategory.names.length] ?? 'Shop', place),
      }));
      this.merchants.set(key, merchants);
    }
    return random.pick(merchants);
  }
}

function merchantName(brand: string, place: string): string {
  return place.startsWith('online-') ? brand : `${brand} ${place}`;
}
