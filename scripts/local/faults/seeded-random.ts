// A small seeded PRNG (mulberry32) so every injected fault is reproducible from the seed a failing test prints.

export interface SeededRandom {
  readonly seed: number;
  /** In [0, 1). */
  next(): number;
  /** True with probability `p` (0 never draws a number, so a zero rate leaves the sequence untouched). */
  chance(p: number): boolean;
  /** An integer in [0, n). */
  below(n: number): number;
  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[];
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return {
    seed,
    next,
    chance: (p) => p > 0 && next() < p,
    below,
    shuffled: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = below(index + 1);
        [copy[index], copy[other]] = [copy[other] as (typeof copy)[number], copy[index] as (typeof copy)[number]];
      }
      return copy;
    },
  };
}
