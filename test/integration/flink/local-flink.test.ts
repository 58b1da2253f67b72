// The Flink metrics job on a local MiniCluster, fed one seeded simulator run through the real APIs: exact window results
// served by GET /metrics/..., and the same page-view counts as the Athena named query over Firehose's S3 archive.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListShardsCommand } from '@aws-sdk/client-kinesis';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createKinesisClient } from '../../../shared/aws/clients';
import type { MetricWindow, MetricWindows } from '../../../shared/metrics/metric-window';
import { runNamedQueryLocally } from '../../../scripts/athena/run-named-query';
import type { QueryValue } from '../../../scripts/athena/query-values';
import { logTail } from '../../../scripts/local/emulators/process';
import { LOCAL_FLINK_SWITCH, startLocalFlink, type LocalFlink } from '../../../scripts/local/flink';
import { createHttpBatchSender } from '../../../scripts/simulate/http-batch-sender';
import { useLocalCloud } from '../local-cloud-fixture';
import {
  ATHENA_CURRENT_DATE,
  PUSHER_AT_MS,
  expectedCardActivity,
  expectedDeviceReadings,
  expectedPageViews,
  RUN_START_MS,
  seededRun,
  watermarkPushers,
  windowStartsIn,
  type ExpectedWindows,
  type ShardRange,
} from './seeded-run';

const projectRoot = join(__dirname, '..', '..', '..');
const MINUTE_MS = 60_000;
/** A first run builds the runner with Maven (~300 MB of dependencies): minutes, not seconds. */
const FLINK_START_TIMEOUT_MS = 600_000;
/** How long one step may wait for the job to close a window; generous for a loaded 2-core CI machine. */
const WINDOW_CLOSE_TIMEOUT_MS = 120_000;
/**
 * After a window closed, how long the job gets to read the rest of that minute from a subtask's other shards before
 * later events arrive (the shard consumers poll every 200 ms; a loaded 2-core machine makes that seconds). Without it,
 * the watermark pushers in particular could be read before the last minute's data of another shard and close its
 * windows early: the one timing assumption of this test.
 */
const SETTLE_MS = 5_000;
/** Posting the run: one step per minute of data, then the pushers and the last windows. */
const RUN_FEED_TIMEOUT_MS = 5 * WINDOW_CLOSE_TIMEOUT_MS + 4 * SETTLE_MS;

const skipped = process.env[LOCAL_FLINK_SWITCH]?.toLowerCase() === 'off';
if (skipped) console.warn(`Skipping the local Flink tests: ${LOCAL_FLINK_SWITCH}=off. Without it they need Java 17+ and Maven, and fail if missing.`);

/** Long enough never to expire on a loaded machine: a timed-out request cannot be resent safely (see post). */
const POST_TIMEOUT_MS = 120_000;
/** Reading the windows back through the API: a request per window start, each a Lambda invocation. */
const READ_TIMEOUT_MS = 60_000;

/** Metrics with the window size (minutes) of their query, keyed as in the metrics table. */
const WINDOW_MINUTES = { page_views: 1, device_readings: 5, card_activity: 10 } as const;
type CheckedMetric = keyof typeof WINDOW_MINUTES;

(skipped ? describe.skip : describe)('Flink metrics job on the local cloud (MiniCluster)', () => {
  let flink: LocalFlink | undefined;
  const run = seededRun();

  // Declared before the cloud's hooks: afterAll hooks run in declaration order, and the job must stop before the cloud.
  afterAll(async () => {
    await flink?.stop();
  }, 30_000);

  const cloud = useLocalCloud();

  beforeAll(async () => {
    const started = Date.now();
    flink = await startLocalFlink({
      projectRoot,
      resources: cloud().resources,
      sdkEnv: cloud().sdkEnv,
      region: cloud().region,
      name: 'flink-jest',
      log: (line) => console.log(`[flink] ${line}`),
    });
    if (flink.status !== 'running') {
      throw new Error(`The Flink job did not start: ${flink.reason}. CI installs Java 17 and Maven; locally, set ${LOCAL_FLINK_SWITCH}=off to skip.`);
    }
    console.log(`[flink] job ${flink.jobId} RUNNING after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await feedRun();
  }, FLINK_START_TIMEOUT_MS + RUN_FEED_TIMEOUT_MS);

  /**
   * The job's sources read several shards per subtask, and one watermark covers them all: had the whole run been
   * posted at once, a subtask could read one shard's 10:03 events before another shard's 10:00 ones, which would then
   * be late. So the run goes in event-time minutes, and minute k+1 only once the job has closed the windows ending at
   * minute k (it has then read into minute k on every subtask), plus SETTLE_MS for the subtask's other shards.
   * No window can close inside a minute of data: a window closes 5 s after its end, in the next minute.
   */
  async function feedRun(): Promise<void> {
    for (const [minute, items] of run.minutes.entries()) {
      await Promise.all([post('clickstream/events', 'events', items.clicks), post('iot/telemetry', 'readings', items.readings), post('payments/transactions', 'transactions', items.transactions)]);
      if (minute > 0) {
        const closedEnd = RUN_START_MS + minute * MINUTE_MS;
        await waitForWindows((size) => closedEnd - size * MINUTE_MS);
      }
      await sleep(SETTLE_MS);
    }
    // A later event in every shard moves every subtask's watermark past every window of the run (see watermarkPushers).
    const pushers = watermarkPushers(run, { clickstream: await shardsOf('ClickstreamStream'), iot: await shardsOf('IotTelemetryStream'), payments: await shardsOf('PaymentsStream') });
    await Promise.all([post('clickstream/events', 'events', pushers.clicks), post('iot/telemetry', 'readings', pushers.readings), post('payments/transactions', 'transactions', pushers.transactions)]);
    // The last windows holding data all start at the run's last minute (and end 1, 5 or 10 minutes later).
    await waitForWindows(() => RUN_START_MS + (run.minutes.length - 1) * MINUTE_MS);
  }

  async function shardsOf(logicalId: string): Promise<ShardRange[]> {
    const { Shards = [] } = await createKinesisClient().send(new ListShardsCommand({ StreamName: cloud().physicalId(logicalId) }));
    return Shards.map((shard) => ({ start: BigInt(shard.HashKeyRange?.StartingHashKey ?? '0'), end: BigInt(shard.HashKeyRange?.EndingHashKey ?? '0') }));
  }

  /**
   * Exactly once: a request that times out may still have been accepted, and a resent one would then count twice in
   * Flink, so the timeout is long, and only batches the API said it did not take (429, 503 and its failed ids) go again.
   */
  async function post(path: string, bodyKey: string, items: readonly object[]): Promise<void> {
    const send = createHttpBatchSender<object>({
      url: `${cloud().apiUrl}/${path}`,
      apiKey: cloud().apiKeys[0]?.value ?? '',
      body: (batch) => ({ [bodyKey]: batch }),
      timeoutMs: POST_TIMEOUT_MS,
    });
    for (let offset = 0; offset < items.length; offset += 100) {
      let batch = items.slice(offset, offset + 100);
      for (let attempt = 1; batch.length > 0; attempt++) {
        const outcome = await send(batch, batch.map(idOf));
        if (outcome.kind === 'accepted') break;
        const notTaken = outcome.kind === 'partial' ? new Set(outcome.failedIds) : outcome.kind === 'retry' && outcome.status !== undefined ? undefined : null;
        if (notTaken === null || attempt === 5) throw new Error(`POST /${path} failed: ${JSON.stringify(outcome)}`);
        if (notTaken !== undefined) batch = batch.filter((item) => notTaken.has(idOf(item)));
        await sleep(500 * attempt);
      }
    }
  }

  /** Each checked metric has a row for the window starting at `startMs(window size)`, read from the table (byMetric index). */
  async function waitForWindows(startMs: (sizeMinutes: number) => number): Promise<void> {
    const documents = createDynamoDbDocumentClient();
    const deadline = Date.now() + WINDOW_CLOSE_TIMEOUT_MS;
    for (const [metric, minutes] of Object.entries(WINDOW_MINUTES)) {
      const sk = new Date(startMs(minutes)).toISOString();
      for (;;) {
        const { Count } = await documents.send(
          new QueryCommand({
            TableName: cloud().physicalId('MetricsTable'),
            IndexName: 'byMetric',
            KeyConditionExpression: 'metric = :metric AND sk = :sk',
            ExpressionAttributeValues: { ':metric': metric, ':sk': sk },
            Select: 'COUNT',
          }),
        );
        if ((Count ?? 0) > 0) break;
        if (!flink?.isAlive()) throw new Error(`The Flink job stopped${logTail(flink?.logFile ?? '')}`);
        if (Date.now() > deadline) throw new Error(`No ${metric} window starting ${sk} within ${WINDOW_CLOSE_TIMEOUT_MS / 1000} s${logTail(flink.logFile ?? '')}`);
        await sleep(500);
      }
    }
  }

  /** Every window of the metric starting at one of `starts`, through the API, one request per window start. */
  async function windowsFromApi(metric: CheckedMetric, starts: readonly string[]): Promise<MetricWindow[]> {
    const windows: MetricWindow[] = [];
    for (const start of starts) {
      const response = await fetch(`${cloud().apiUrl}/metrics/${metric}?from=${start}&to=${start}&limit=500`, { headers: { 'x-api-key': cloud().apiKeys[0]?.value ?? '' } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as MetricWindows;
      expect(body.items.length).toBeLessThan(500);
      windows.push(...body.items);
    }
    return windows;
  }

  /** The API's windows in the shape of ExpectedWindows, keeping the named values only. */
  function asExpected(windows: readonly MetricWindow[], pick: (values: MetricWindow['values']) => Record<string, number>): ExpectedWindows {
    return new Map(windows.map((window) => [`${window.windowStart} ${window.dimension}`, pick(window.values)]));
  }

  test('page_views: every closed 1-minute window, exactly the simulated page views per path', async () => {
    const expected = expectedPageViews(run.clicks);
    const starts = windowStartsIn(expected);
    expect(starts).toHaveLength(4);

    const windows = await windowsFromApi('page_views', starts);

    expect(asExpected(windows, (values) => ({ views: Number(values.views) }))).toEqual(expected);
    expect(windows.every((window) => Date.parse(window.windowEnd) - Date.parse(window.windowStart) === MINUTE_MS)).toBe(true);
  }, READ_TIMEOUT_MS);

  test("page_views: the pushers' own window stays open (its end is after the watermark)", async () => {
    const pusherWindow = new Date(Math.floor(PUSHER_AT_MS / MINUTE_MS) * MINUTE_MS).toISOString();
    expect(await windowsFromApi('page_views', [pusherWindow])).toEqual([]);
  }, READ_TIMEOUT_MS);

  test('device_readings: readings per device in every 5-minute window sliding by 1 minute', async () => {
    const expected = expectedDeviceReadings(run.readings);

    const windows = await windowsFromApi('device_readings', windowStartsIn(expected));

    expect(asExpected(windows, (values) => ({ readings: Number(values.readings) }))).toEqual(expected);
  }, READ_TIMEOUT_MS);

  test('card_activity: transactions and amount per card in every 10-minute window sliding by 1 minute', async () => {
    const expected = expectedCardActivity(run.transactions);

    const windows = await windowsFromApi('card_activity', windowStartsIn(expected));

    expect(asExpected(windows, (values) => ({ transactions: Number(values.transactions), amount_cents: Math.round(Number(values.amount_total) * 100) }))).toEqual(expected);
  }, READ_TIMEOUT_MS);

  test('parity: the Athena named query over the S3 archive agrees with Flink on every closed page_views window', async () => {
    await cloud().drainStreams();
    await cloud().firehose.flush();
    const flinkWindows = asExpected(await windowsFromApi('page_views', windowStartsIn(expectedPageViews(run.clicks))), (values) => ({ views: Number(values.views) }));

    const batch = await runNamedQueryLocally({ queryName: 'clickstream-page-views-per-minute', sdkEnv: cloud().sdkEnv, resources: cloud().resources, currentDate: ATHENA_CURRENT_DATE });

    // Only closed windows compare: the archive also holds the pushers' events, whose windows Flink has not closed.
    // Both sides count the same thing: the run has no duplicate deliveries, so Flink's count of records equals the
    // named query's count of distinct event ids.
    const closed = new Set(windowStartsIn(flinkWindows));
    const rows = batch.rows.map((row) => ({ windowStart: text(row.window_start), path: text(row.path), views: Number(row.page_views) }));
    const batchWindows: ExpectedWindows = new Map(rows.filter((row) => closed.has(row.windowStart)).map((row) => [`${row.windowStart} ${row.path}`, { views: row.views }]));
    expect(closed.size).toBe(4);
    expect(batchWindows).toEqual(flinkWindows);
    expect(rows.filter((row) => !closed.has(row.windowStart)).map((row) => row.windowStart)).toEqual([new Date(Math.floor(PUSHER_AT_MS / MINUTE_MS) * MINUTE_MS).toISOString()]);
  }, 120_000);
});

function text(value: QueryValue | undefined): string {
  if (typeof value !== 'string') throw new Error(`Expected a string column, got ${JSON.stringify(value)}`);
  return value;
}

function idOf(item: object): string {
  const record = item as Record<string, unknown>;
  return String(record.eventId ?? record.readingId ?? record.transactionId);
}
