// Unit tests: npm start's Flink line in the live summary, for every state the job can be in.
import type { LocalFlink } from '../../../../../scripts/local/flink';
import { formatFlinkLine } from '../../../../../scripts/local/flink/metrics-summary';

const running = (alive: boolean): LocalFlink => ({ status: 'running', jobId: 'a'.repeat(32), logFile: '.local/logs/flink.log', isAlive: () => alive, stop: () => Promise.resolve() });

test.each([
  ['starting', 'starting' as const, undefined, 'flink      starting (window metrics follow once the job runs)'],
  ['off', { status: 'off', reason: 'no Maven (mvn not found on PATH)', isAlive: () => false, stop: () => Promise.resolve() } satisfies LocalFlink, undefined, 'flink      off (no Maven (mvn not found on PATH))'],
  ['stopped', running(false), { pageViewRows: 3 }, 'flink      the job stopped: see .local/logs/flink.log'],
  ['waiting for a window', running(true), { pageViewRows: 0 }, 'flink      running · no window closed yet (a minute closes 5 s of event time after its end)'],
  [
    'with windows',
    running(true),
    { pageViewRows: 124, latestPageViews: { windowStart: '2026-11-26T10:05:00.000Z', views: 87, pages: 12 } },
    'flink      running · page_views: 124 rows, latest 10:05 UTC: 87 views on 12 pages',
  ],
])('the line when %s', (_, flink, summary, line) => {
  expect(formatFlinkLine(flink, summary)).toBe(line);
});
