// The template's Athena named queries, run locally with DuckDB over Firehose's S3 output, agree exactly with the simulated clicks.
import type { ClickEvent } from '../../../shared/events/clickstream';
import { runNamedQueryLocally } from '../../../scripts/athena/run-named-query';
import { createClickstreamGenerator } from '../../../scripts/simulate/clickstream-sessions';
import { createHttpBatchSender } from '../../../scripts/simulate/http-batch-sender';
import { useLocalCloud } from '../local-cloud-fixture';

const cloud = useLocalCloud();

/** 2,000 seeded events, one every 150 ms of event time from 09:58 to 10:03 UTC: two hours, five minutes. */
const START_MS = Date.UTC(2026, 2, 14, 9, 58, 0);
const EVENT_COUNT = 2_000;
const SPACING_MS = 150;
/** The queries look back from current_date; pinning it makes "the last 2 days" cover the simulated day. */
const CURRENT_DATE = '2026-03-15';

function simulatedEvents(): ClickEvent[] {
  const generator = createClickstreamGenerator({ seed: 'athena-local-parity', targetRate: 20, thinkTimeScale: 0.25 });
  return Array.from({ length: EVENT_COUNT }, (_, index) => generator.next(START_MS + index * SPACING_MS).payload);
}

/** Before the projection's range (2026-01-01,NOW): Athena never looks at its partition, so no query may count it. */
function outsideProjection(template: ClickEvent): ClickEvent {
  return { ...template, eventId: '00000000-0000-4000-8000-000000000000', occurredAt: '2025-12-31T23:59:00.000Z', eventType: 'page_view' };
}

async function post(events: readonly ClickEvent[]): Promise<void> {
  const send = createHttpBatchSender<ClickEvent>({ url: `${cloud().apiUrl}/clickstream/events`, apiKey: cloud().apiKeys[0]?.value ?? '' });
  for (let offset = 0; offset < events.length; offset += 100) {
    const batch = events.slice(offset, offset + 100);
    const outcome = await send(batch, batch.map((event) => event.eventId));
    expect(outcome).toMatchObject({ kind: 'accepted' });
  }
}

function countBy<K>(items: readonly ClickEvent[], key: (event: ClickEvent) => K): Map<K, ClickEvent[]> {
  const groups = new Map<K, ClickEvent[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('Athena named queries on the local data lake', () => {
  const events = simulatedEvents();
  const pageViews = events.filter((event) => event.eventType === 'page_view');

  beforeAll(async () => {
    await post([...events, outsideProjection(events[0]!)]);
    await cloud().drainStreams();
    await cloud().firehose.flush();
  }, 120_000);

  const run = (queryName: string) => runNamedQueryLocally({ queryName, sdkEnv: cloud().sdkEnv, resources: cloud().resources, currentDate: CURRENT_DATE });

  test('clickstream-top-pages: page views and sessions per page', async () => {
    const expected = [...countBy(pageViews, (event) => event.page.path)]
      .map(([path, views]) => ({ path, page_views: views.length, sessions: new Set(views.map((view) => view.sessionId)).size }))
      .sort((a, b) => b.page_views - a.page_views || compareText(a.path, b.path))
      .slice(0, 20);

    const result = await run('clickstream-top-pages');

    expect(result.columns).toEqual(['path', 'page_views', 'sessions']);
    expect(result.rows).toEqual(expected);
    expect(result.scanned.clickstream_events).toMatchObject({ partitions: 2 });
    expect(result.scanned.clickstream_events?.ignored).toBeGreaterThanOrEqual(1);
  }, 60_000);

  test('clickstream-sessions-per-hour: distinct sessions and events per event hour', async () => {
    const expected = [...countBy(events, (event) => event.occurredAt.slice(0, 13))]
      .map(([hour, inHour]) => ({ event_date: hour.slice(0, 10), event_hour: hour.slice(11, 13), sessions: new Set(inHour.map((event) => event.sessionId)).size, events: inHour.length }))
      .sort((a, b) => compareText(`${a.event_date}${a.event_hour}`, `${b.event_date}${b.event_hour}`));

    const result = await run('clickstream-sessions-per-hour');

    expect(result.rows).toEqual(expected);
    expect(result.rows.map((row) => row.event_hour)).toEqual(['09', '10']);
    expect(result.rewrites).toEqual(["date_format(…, '%Y-%m-%d') → strftime(…, '%Y-%m-%d')", `current_date → DATE '${CURRENT_DATE}'`]);
  }, 60_000);

  test('clickstream-page-views-per-minute: the per-window counts a streaming job must reproduce', async () => {
    const expected = [...countBy(pageViews, (event) => `${event.occurredAt.slice(0, 16)}:00.000Z ${event.page.path}`)]
      .map(([key, views]) => ({ window_start: key.split(' ')[0]!, path: views[0]!.page.path, page_views: views.length }))
      .sort((a, b) => compareText(a.window_start, b.window_start) || compareText(a.path, b.path));

    const result = await run('clickstream-page-views-per-minute');

    expect(result.rows).toEqual(expected);
    expect(new Set(result.rows.map((row) => row.window_start)).size).toBe(5);
  }, 60_000);
});
