// Seeded pseudo-random numbers for the traffic simulators: same seed, same sequence, on every platform.

/**
 * cyrb128: spreads a string seed over four 32-bit words. sfc32 needs a well-mixed, non-zero state;
 * hashing the seed text gives that for small integers ("42") and arbitrary labels alike.
 */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_TO_32 = 2 ** 32;
/** Every id needs hex digits; a lookup table is several times faster than toString(16) + padStart. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand to terabytes, needs only
 * 32-bit integer maths, and is fast in V8. Not cryptographic, which a simulator does not need: event ids
 * derived from it are unique and reproducible, which is the point.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly seedText: string) {
    [this.a, this.b, this.c, this.d] = hashSeed(seedText);
    // Discard the first outputs: the state is still correlated with the hash right after seeding.
    for (let round = 0; round < 15; round++) this.uint32();
  }

  /** An independent stream for a named purpose; it does not depend on how many numbers this one has drawn. */
  derive(label: string): SeededRandom {
    return new SeededRandom(`${this.seedText}/${label}`);
  }

  uint32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_TO_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponentially distributed with the given mean: the gaps of a Poisson process. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median: right-skewed like human think times and prices. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Lower-case hexadecimal digits. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) {
      const word = this.uint32();
      text += `${BYTE_HEX[word >>> 24]}${BYTE_HEX[(word >>> 16) & 0xff]}${BYTE_HEX[(word >>> 8) & 0xff]}${BYTE_HEX[word & 0xff]}`;
    }
    return text.slice(0, length);
  }

  /** An RFC 9562 version-4 UUID whose 122 random bits come from this generator, so ids are reproducible. */
  uuid(): string {
    const hex = this.hex(32);
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

export function createRandom(seed: number | string): SeededRandom {
  return new SeededRandom(String(seed));
}

/**
 * A fixed discrete distribution, sampled by binary search over cumulative weights: O(log n) per draw,
 * which matters for the product catalogue's popularity curve.
 */
export class WeightedChoice<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const positive = entries.filter(([, weight]) => weight > 0);
    if (positive.length === 0) throw new Error('WeightedChoice needs at least one positive weight');
    this.values = positive.map(([value]) => value);
    let sum = 0;
    this.cumulative = positive.map(([, weight]) => (sum += weight));
    this.total = sum;
  }

  sample(random: SeededRandom): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low] as T;
  }
}
