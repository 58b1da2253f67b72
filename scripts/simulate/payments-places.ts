// Where simulated cards live and get used: cities with their country, currency and UTC offset, and amounts in local money.
import { MAX_TRANSACTION_AMOUNT } from '../../shared/events/payments';
import { haversineKm, type Coordinates } from '../../shared/payments/geo-distance';
import { WeightedChoice, type SeededRandom } from './random';

export interface Currency {
  code: string;
  /** Rough units per euro: amounts are drawn in euros and converted, so a coffee costs about the same everywhere. */
  perEuro: number;
  /** Amounts are multiples of this: cents, or whole yen and tens of won. */
  step: number;
  /** Cash comes out of ATMs in multiples of this. */
  cashStep: number;
}

export interface City extends Coordinates {
  name: string;
  country: string;
  currency: Currency;
  /** Standard time; daylight saving is ignored, an hour off does not change the shape of a day. */
  utcOffsetHours: number;
  /** Share of cardholders living there; 0 for places cards only visit (or fraudsters use). */
  residents: number;
}

const currency = (code: string, perEuro: number, cashStep: number, step = 0.01): Currency => ({ code, perEuro, step, cashStep });

const EUR = currency('EUR', 1, 10);
const USD = currency('USD', 1.08, 10);
const GBP = currency('GBP', 0.85, 10);
const KRW = currency('KRW', 1450, 10_000, 10);
const JPY = currency('JPY', 160, 1_000, 1);

export const CITIES: readonly City[] = [
  { name: 'Berlin', country: 'DE', currency: EUR, lat: 52.52, lon: 13.405, utcOffsetHours: 1, residents: 8 },
  { name: 'Munich', country: 'DE', currency: EUR, lat: 48.1372, lon: 11.5755, utcOffsetHours: 1, residents: 5 },
  { name: 'Hamburg', country: 'DE', currency: EUR, lat: 53.5511, lon: 9.9937, utcOffsetHours: 1, residents: 4 },
  { name: 'Paris', country: 'FR', currency: EUR, lat: 48.8566, lon: 2.3522, utcOffsetHours: 1, residents: 8 },
  { name: 'Lyon', country: 'FR', currency: EUR, lat: 45.764, lon: 4.8357, utcOffsetHours: 1, residents: 3 },
  { name: 'Madrid', country: 'ES', currency: EUR, lat: 40.4168, lon: -3.7038, utcOffsetHours: 1, residents: 6 },
  { name: 'Amsterdam', country: 'NL', currency: EUR, lat: 52.3676, lon: 4.9041, utcOffsetHours: 1, residents: 4 },
  { name: 'Milan', country: 'IT', currency: EUR, lat: 45.4642, lon: 9.19, utcOffsetHours: 1, residents: 4 },
  { name: 'London', country: 'GB', currency: GBP, lat: 51.5074, lon: -0.1278, utcOffsetHours: 0, residents: 8 },
  { name: 'Manchester', country: 'GB', currency: GBP, lat: 53.4808, lon: -2.2426, utcOffsetHours: 0, residents: 3 },
  { name: 'New York', country: 'US', currency: USD, lat: 40.7128, lon: -74.006, utcOffsetHours: -5, residents: 8 },
  { name: 'Chicago', country: 'US', currency: USD, lat: 41.8781, lon: -87.6298, utcOffsetHours: -6, residents: 5 },
  { name: 'Los Angeles', country: 'US', currency: USD, lat: 34.0522, lon: -118.2437, utcOffsetHours: -8, residents: 6 },
  { name: 'Seoul', country: 'KR', currency: KRW, lat: 37.5665, lon: 126.978, utcOffsetHours: 9, residents: 10 },
  { name: 'Busan', country: 'KR', currency: KRW, lat: 35.1796, lon: 129.0756, utcOffsetHours: 9, residents: 4 },
  { name: 'Tokyo', country: 'JP', currency: JPY, lat: 35.6762, lon: 139.6503, utcOffsetHours: 9, residents: 6 },
  { name: 'São Paulo', country: 'BR', currency: currency('BRL', 5.9, 50), lat: -23.5505, lon: -46.6333, utcOffsetHours: -3, residents: 0 },
  { name: 'Bangkok', country: 'TH', currency: currency('THB', 38, 500), lat: 13.7563, lon: 100.5018, utcOffsetHours: 7, residents: 0 },
  { name: 'Dubai', country: 'AE', currency: currency('AED', 4, 50), lat: 25.2048, lon: 55.2708, utcOffsetHours: 4, residents: 0 },
  { name: 'Mexico City', country: 'MX', currency: currency('MXN', 19, 100), lat: 19.4326, lon: -99.1332, utcOffsetHours: -6, residents: 0 },
  { name: 'Bucharest', country: 'RO', currency: currency('RON', 5, 50), lat: 44.4268, lon: 26.1025, utcOffsetHours: 2, residents: 0 },
];

export const HOME_CITIES = new WeightedChoice<City>(CITIES.map((city) => [city, city.residents] as const));

/**
 * An amount given in euros, in the currency, on its step, with at most two decimals. The contract bounds
 * amounts in major units whatever the currency, so a large purchase in won stops at 1,000,000 (~690 EUR).
 */
export function localAmount(euros: number, { perEuro, step }: Currency): number {
  const steps = Math.max(1, Math.round((euros * perEuro) / step));
  return Math.min(Number((steps * step).toFixed(2)), MAX_TRANSACTION_AMOUNT);
}

/** A cash withdrawal of about `euros`, in notes of the city's currency. */
export function cashAmount(euros: number, { perEuro, cashStep }: Currency): number {
  return Math.max(1, Math.round((euros * perEuro) / cashStep)) * cashStep;
}

/** A point within about `radiusKm` of `centre`, at 4 decimals (~10 m). */
export function pointNear(centre: Coordinates, radiusKm: number, random: SeededRandom): Coordinates {
  const kmPerDegree = 111.32;
  const dLat = ((random.next() * 2 - 1) * radiusKm) / kmPerDegree;
  const dLon = ((random.next() * 2 - 1) * radiusKm) / (kmPerDegree * Math.cos((centre.lat * Math.PI) / 180));
  return { lat: Number((centre.lat + dLat).toFixed(4)), lon: Number((centre.lon + dLon).toFixed(4)) };
}

/** The local hour (0–23) at an instant in a city. */
export function localHour(city: City, epochMs: number): number {
  const hour = new Date(epochMs).getUTCHours() + city.utcOffsetHours;
  return ((hour % 24) + 24) % 24;
}

/** Cities at least `minKm` away: where an impossible trip ends. */
export function citiesFartherThan(from: Coordinates, minKm: number): City[] {
  return CITIES.filter((city) => haversineKm(from, city) >= minKm);
}
