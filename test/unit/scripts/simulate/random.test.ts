// Seeded PRNG: reproducible sequences, ranges, v4 UUIDs, and distributions close to what they claim.
import { createRandom, WeightedChoice } from '../../../../scripts/simulate/random';

const draw = (seed: number | string, count: number): number[] => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.uint32());
};

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draw(42, 1_000)).toEqual(draw(42, 1_000));
    expect(draw(42, 1_000)).not.toEqual(draw(43, 1_000));
    expect(draw('a', 10)).not.toEqual(draw('b', 10));
  });

  it('pins the sequence of seed 42, so a change to the generator cannot slip by unnoticed', () => {
    expect(draw(42, 3)).toEqual(draw('42', 3));
    expect(createRandom(42).hex(16)).toBe('d37c662eb64d2ad5');
    expect(createRandom(42).uuid()).toBe('d37c662e-b64d-4ad5-92fe-c3b0c4fb0b8e');
  });

  it('derives independent streams that do not depend on draws already made', () => {
    const fresh = createRandom(42).derive('visitors');
    const used = createRandom(42);
    used.uint32();
    used.uint32();
    const derived = used.derive('visitors');
    expect(Array.from({ length: 5 }, () => derived.uint32())).toEqual(Array.from({ length: 5 }, () => fresh.uint32()));
    expect(createRandom(42).derive('a').uint32()).not.toBe(createRandom(42).derive('b').uint32());
  });

  it('keeps next() in [0, 1) and int() within both inclusive bounds', () => {
    const random = createRandom(1);
    const unit = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...unit)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...unit)).toBeLessThan(1);
    expect(mean(unit)).toBeCloseTo(0.5, 1);
    const dice = new Set(Array.from({ length: 1_000 }, () => random.int(1, 6)));
    expect([...dice].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('draws exponential and log-normal values around their parameters', () => {
    const random = createRandom(7);
    expect(mean(Array.from({ length: 20_000 }, () => random.exponential(10)))).toBeGreaterThan(9.5);
    const logNormal = Array.from({ length: 20_001 }, () => random.logNormal(20, 0.8)).sort((left, right) => left - right);
    expect(logNormal[10_000]).toBeGreaterThan(19);
    expect(logNormal[10_000]).toBeLessThan(21);
  });

  it('makes RFC 9562 version-4 UUIDs that do not repeat', () => {
    const random = createRandom(3);
    const ids = Array.from({ length: 10_000 }, () => random.uuid());
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses to pick from nothing', () => {
    expect(() => createRandom(1).pick([])).toThrow('empty');
  });
});

describe('WeightedChoice', () => {
  it('samples in proportion to the weights and never a zero-weight value', () => {
    const choice = new WeightedChoice([
      ['rare', 1],
      ['never', 0],
      ['common', 3],
    ] as const);
    const random = createRandom(5);
    const samples = Array.from({ length: 20_000 }, () => choice.sample(random));
    const common = samples.filter((value) => value === 'common').length / samples.length;
    expect(common).toBeGreaterThan(0.73);
    expect(common).toBeLessThan(0.77);
    expect(samples).not.toContain('never');
  });

  it('needs a positive weight', () => {
    expect(() => new WeightedChoice([['a', 0]])).toThrow('positive');
  });
});
