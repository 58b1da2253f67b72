// Median, spread and percentiles of benchmark samples.
import { median, summarizeLatencies, summarizeSamples } from '../../../../scripts/bench/stats';

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarizeSamples', () => {
  it('reports median, extremes and the spread relative to the median', () => {
    expect(summarizeSamples([90, 100, 110])).toEqual({ runs: 3, median: 100, min: 90, max: 110, spreadPercent: 20 });
  });
});

describe('summarizeLatencies', () => {
  it('uses nearest-rank percentiles, so each one is an observed latency', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(summarizeLatencies(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });
});
