// Unit tests: Welford's online mean/variance against a direct two-pass computation.
import fc from 'fast-check';
import {
  addObservation,
  EMPTY_RUNNING_STATS,
  sampleStandardDeviation,
  sampleVariance,
} from '../../../../shared/payments/running-stats';

const directMean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const directSampleVariance = (values: number[]) => {
  const mean = directMean(values);
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
};
const fold = (values: number[]) => values.reduce(addObservation, EMPTY_RUNNING_STATS);

/** Relative tolerance with an absolute floor for values near zero. */
const close = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

/** Amounts as the schema allows them: positive, whole cents. */
const amount = fc.integer({ min: 1, max: 100_000_000 }).map((cents) => cents / 100);

describe('running stats (Welford)', () => {
  it('matches the direct mean and sample variance for any amounts', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 2, maxLength: 200 }), (values) => {
        const stats = fold(values);
        expect(stats.count).toBe(values.length);
        expect(close(stats.mean, directMean(values))).toBe(true);
        expect(close(sampleVariance(stats), directSampleVariance(values))).toBe(true);
      }),
      { seed: 20261102, numRuns: 300 },
    );
  });

  it('stays accurate for a large offset with tiny spread, where the sum of squares cancels', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 999_999 + (i % 2) * 0.02);
    expect(sampleVariance(fold(values))).toBeCloseTo(directSampleVariance(values), 12);
  });

  it('has no variance before two observations', () => {
    expect(sampleVariance(EMPTY_RUNNING_STATS)).toBe(0);
    expect(sampleStandardDeviation(fold([42]))).toBe(0);
    expect(sampleStandardDeviation(fold([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(2.138, 3);
  });
});
