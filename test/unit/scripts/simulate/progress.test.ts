// Progress display: in-place redraw on a terminal, periodic lines otherwise, and a readable summary.
import { createProgressDisplay, formatProgressLine, formatSummary } from '../../../../scripts/simulate/progress';
import type { TrafficStats, TrafficSummary } from '../../../../scripts/simulate/traffic-runner';

const stats = (overrides: Partial<TrafficStats> = {}): TrafficStats => ({
  elapsedMs: 12_400,
  targetRate: 200,
  rate: 198.6,
  generated: 2_480,
  sent: 2_400,
  accepted: 2_390,
  rejected: 0,
  retried: 0,
  failed: 0,
  requests: 60,
  responses: { '202': 60 },
  inFlight: 3,
  queued: 80,
  active: 3_984,
  counters: { sessionsStarted: 2_100 },
  latencyMs: { count: 60, p50: 12, p95: 40, p99: 85, max: 90 },
  ...overrides,
});

function recorder(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, output: { isTTY, columns, write: (text: string) => writes.push(text) } };
}

describe('formatProgressLine', () => {
  it('shows time, rate against target, totals, active entities, in-flight requests and latency', () => {
    expect(formatProgressLine(stats(), 'sessions')).toBe(
      '00:12 | 199/s of 200/s | sent 2,400 · accepted 2,390 · rejected 0 · retried 0 · failed 0 | 3,984 sessions | 3 in flight | p50 12 ms · p95 40 ms · p99 85 ms',
    );
  });

  it('adds the last error once something went wrong', () => {
    const line = formatProgressLine(stats({ retried: 5, lastError: '429 Too Many Requests' }), 'sessions');
    expect(line.endsWith(' | last error: 429 Too Many Requests')).toBe(true);
    expect(formatProgressLine(stats({ lastError: 'old news' }), 'sessions')).not.toContain('old news');
  });
});

describe('createProgressDisplay', () => {
  it('redraws one line in place on a terminal, cut to its width, and clears it at the end', () => {
    const { writes, output } = recorder(true, 40);
    const display = createProgressDisplay(output, { activeLabel: 'sessions' });
    display.update(stats());
    display.update(stats({ elapsedMs: 12_650 }));
    display.finish();
    expect(writes).toHaveLength(3);
    for (const write of writes.slice(0, 2)) {
      expect(write.startsWith('\r\x1b[2K')).toBe(true);
      expect(write).not.toContain('\n');
      expect(write.length - '\r\x1b[2K'.length).toBeLessThan(40);
    }
    expect(writes[2]).toBe('\r\x1b[2K');
  });

  it('without a terminal, writes one line per interval of run time', () => {
    const { writes, output } = recorder(false);
    const display = createProgressDisplay(output, { activeLabel: 'sessions', logEveryMs: 5_000 });
    for (const elapsedMs of [1_000, 4_999, 5_000, 6_000, 9_000, 10_250, 12_000, 16_000]) display.update(stats({ elapsedMs }));
    display.finish();
    expect(writes.map((line) => line.slice(0, 5))).toEqual(['00:05', '00:10', '00:16']);
    expect(writes.every((line) => line.endsWith('\n'))).toBe(true);
  });
});

describe('formatSummary', () => {
  const summary = (overrides: Partial<TrafficSummary> = {}): TrafficSummary => ({
    ...stats({ elapsedMs: 60_210, rate: 199.43, generated: 12_000, sent: 12_000, accepted: 12_000, queued: 0, inFlight: 0 }),
    stopReason: 'duration',
    ...overrides,
  });
  const labels = { title: 'Clickstream simulation', itemNoun: 'events', activeLabel: 'sessions' };

  it('lists totals, responses, latency, rate and domain counters', () => {
    expect(formatSummary(summary(), labels)).toBe(
      [
        'Clickstream simulation: duration reached after 60.2 s',
        '  events      12,000 generated · 12,000 sent · 12,000 accepted · 0 rejected · 0 failed · 0 re-sent',
        '  requests    60 (202 ×60) · latency p50 12 ms · p95 40 ms · p99 85 ms · max 90 ms',
        '  rate        199.4/s (target 200/s)',
        '  sessions    3,984 active at the end · sessions started 2,100',
      ].join('\n'),
    );
  });

  it('says why a run halted or what the last error was', () => {
    expect(formatSummary(summary({ stopReason: 'fatal', fatalError: '403 Forbidden' }), labels)).toContain('halted by   403 Forbidden');
    expect(formatSummary(summary({ failed: 3, lastError: '503 Service Unavailable' }), labels)).toContain(
      'last error  503 Service Unavailable',
    );
  });
});
