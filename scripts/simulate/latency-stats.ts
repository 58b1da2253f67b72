// Request latency percentiles: over the whole run for the summary, over recent requests for the live line.

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const EMPTY: LatencySummary = { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };

/** Nearest-rank percentile of an ascending array: always a latency that was actually observed. */
function percentile(sorted: readonly number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return EMPTY;
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Every sample for the final summary, plus a ring of the latest ones so the live view reflects now, not the average since start. */
export class LatencyRecorder {
  private readonly all: number[] = [];
  private readonly recent: number[] = [];
  private next = 0;

  constructor(private readonly recentSize = 1_000) {}

  record(ms: number): void {
    this.all.push(ms);
    if (this.recent.length < this.recentSize) this.recent.push(ms);
    else this.recent[this.next] = ms;
    this.next = (this.next + 1) % this.recentSize;
  }

  overall(): LatencySummary {
    return summarizeLatencies(this.all);
  }

  latest(): LatencySummary {
    return summarizeLatencies(this.recent);
  }
}
