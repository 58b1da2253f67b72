// Latency percentiles: nearest rank over observed values, overall and over the most recent samples.
import { LatencyRecorder, summarizeLatencies } from '../../../../scripts/simulate/latency-stats';

describe('summarizeLatencies', () => {
  it('reports nearest-rank percentiles of what was observed', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(summarizeLatencies(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(summarizeLatencies([7])).toEqual({ count: 1, p50: 7, p95: 7, p99: 7, max: 7 });
    expect(summarizeLatencies([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});

describe('LatencyRecorder', () => {
  it('keeps every sample for the summary and only the latest for the live view', () => {
    const recorder = new LatencyRecorder(3);
    for (const ms of [500, 400, 1, 2, 3]) recorder.record(ms);
    expect(recorder.overall()).toMatchObject({ count: 5, max: 500 });
    expect(recorder.latest()).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
  });
});
