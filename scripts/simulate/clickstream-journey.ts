// The browsing journey as a Markov chain: where a visitor lands, where they go next, how long they think.
import { WeightedChoice, type SeededRandom } from './random';

/** One thing a visitor does; each step becomes one event. */
export type Step = 'home' | 'category' | 'search' | 'product' | 'add_to_cart' | 'cart' | 'checkout' | 'purchase' | 'click';
export type Move = Step | 'exit';
/** A click stays on the page it happened on, so the next move depends on the step before it. */
export type Position = Exclude<Step, 'click'>;

export interface JourneyContext {
  cartItems: number;
  /** A search that matched nothing has no results to click through to. */
  lastSearchFoundNothing: boolean;
}

type Transitions = ReadonlyArray<readonly [Move, number]>;

/**
 * Weights per position, tuned so that roughly 3 % of sessions purchase and about a third of product
 * views come from browsing further (the long tail of a real shop), and so that the funnel narrows at
 * every stage: product view → add to cart → checkout → purchase.
 */
const TRANSITIONS: Record<Position, Transitions> = {
  home: [['category', 34], ['search', 15], ['product', 22], ['click', 7], ['exit', 20]],
  category: [['product', 50], ['category', 10], ['search', 5], ['click', 12], ['home', 4], ['exit', 16]],
  search: [['product', 55], ['search', 10], ['category', 5], ['click', 5], ['exit', 22]],
  product: [
    ['add_to_cart', 8],
    ['product', 24],
    ['category', 12],
    ['search', 7],
    ['click', 9],
    ['home', 2],
    ['cart', 2],
    ['exit', 26],
  ],
  add_to_cart: [['cart', 38], ['product', 22], ['category', 8], ['checkout', 8], ['exit', 24]],
  cart: [['checkout', 52], ['product', 10], ['category', 5], ['home', 3], ['exit', 30]],
  checkout: [['purchase', 58], ['cart', 10], ['exit', 32]],
  purchase: [['home', 4], ['exit', 96]],
};

const ENTRY = new WeightedChoice<Position>([
  ['home', 42],
  ['product', 34],
  ['category', 18],
  ['search', 6],
]);

/** A safety net: a session this long is a bot, and real analytics would split it anyway. */
export const MAX_SESSION_STEPS = 80;

function allowed(move: Move, context: JourneyContext): boolean {
  if (move === 'checkout') return context.cartItems > 0;
  if (move === 'product') return !context.lastSearchFoundNothing;
  return true;
}

const TABLES = new Map<string, WeightedChoice<Move>>();

/** The transition table with impossible moves removed; cached, since there are only a few variants. */
function tableFor(position: Position, context: JourneyContext): WeightedChoice<Move> {
  const fromSearchWithoutResults = position === 'search' && context.lastSearchFoundNothing;
  const key = `${position}:${context.cartItems > 0}:${fromSearchWithoutResults}`;
  let table = TABLES.get(key);
  if (table === undefined) {
    const effective = { ...context, lastSearchFoundNothing: fromSearchWithoutResults };
    table = new WeightedChoice(TRANSITIONS[position].filter(([move]) => allowed(move, effective)));
    TABLES.set(key, table);
  }
  return table;
}

export const entryStep = (random: SeededRandom): Position => ENTRY.sample(random);

export function nextMove(position: Position, context: JourneyContext, stepsSoFar: number, random: SeededRandom): Move {
  if (stepsSoFar >= MAX_SESSION_STEPS) return 'exit';
  return tableFor(position, context).sample(random);
}

/**
 * Median seconds from a step to the visitor's next event. Shorter than a full "time on page": a real
 * clickstream also records scrolls and minor clicks in between, and a 60-second demo run should show
 * whole journeys, purchases included.
 */
const MEDIAN_THINK_SECONDS: Record<Step, number> = {
  home: 4,
  category: 5,
  search: 5,
  product: 9,
  add_to_cart: 3,
  cart: 6,
  checkout: 15,
  purchase: 4,
  click: 2,
};

const THINK_SIGMA = 0.8;

/** Log-normal, clipped to [0.5 s, 10 min]: human think times are right-skewed with a long tail. */
export function thinkTimeMs(step: Step, random: SeededRandom, scale = 1): number {
  const seconds = random.logNormal(MEDIAN_THINK_SECONDS[step], THINK_SIGMA) * scale;
  return Math.round(Math.min(600, Math.max(0.5, seconds)) * 1000);
}

/** The mean of thinkTimeMs over the steps of typical journeys (measured on a seeded sample); it sizes the crowd. */
export const MEAN_THINK_MS = 9_000;
