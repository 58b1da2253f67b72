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
import { shardKey, startKinesisReadTracker, type KinesisReadTracker, type ShardKey } from './kinesis-read-tracker';
import {
  ATHENA_CURRENT_DATE,
  PUSHER_AT_MS,
  RUN_MINUTES,
  expectedCardActivity,
  expectedDeviceReadings,
  expectedPageViews,
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
/** How long the job may take to read one minute of the run, or to write its last windows; generous for a loaded 2-core CI machine. */
const STEP_TIMEOUT_MS = 120_000;
/** Posting the run: one step per minute of data, then the pushers, then the last windows. */
const RUN_FEED_TIMEOUT_MS = (RUN_MINUTES + 2) * STEP_TIMEOUT_MS;

const skipped = process.env[LOCAL_FLINK_SWITCH]?.toLowerCase() === 'off';
if (skipped) console.warn(`Skipping the local Flink tests: ${LOCAL_FLINK_SWITCH}=off. Without it they need Java 17+ and Maven, and fail if missing.`);

/** Long enough never to expire on a loaded machine: a timed-out request cannot be resent safely (see post). */
const POST_TIMEOUT_MS = 120_000;
/** Reading the windows back through the API: a request per window start, each a Lambda invocation. */
const READ_TIMEOUT_MS = 60_000;

/** The metrics checked here (1-, 5- and 10-minute windows), named as in the metrics table. */
type CheckedMetric = 'page_views' | 'device_readings' | 'card_activity';

(skipped ? describe.skip : describe)('Flink metrics job on the local cloud (MiniCluster)', () => {
  let flink: LocalFlink | undefined;
  let reads: KinesisReadTracker | undefined;
  const run = seededRun();

  // Declared before the cloud's hooks: afterAll hooks run in declaration order, and the job must stop before the cloud.
  afterAll(async () => {
    await flink?.stop();
    await reads?.stop();
  }, 30_000);

  const cloud = useLocalCloud();

  beforeAll(async () => {
    const started = Date.now();
    const { sdkEnv } = cloud();
    const kinesisEndpoint = sdkEnv.AWS_ENDPOINT_URL_KINESIS ?? sdkEnv.AWS_ENDPOINT_URL;
    if (kinesisEndpoint === undefined) throw new Error('The local cloud names no Kinesis endpoint');
    reads = await startKinesisReadTracker(kinesisEndpoint, cloud().accountId);
    flink = await startLocalFlink({
      projectRoot,
      resources: cloud().resources,
      // The job reads Kinesis through the tracker, which lets the run wait until it has read each step.
      sdkEnv: { ...sdkEnv, AWS_ENDPOINT_URL_KINESIS: reads.url },
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
   * be late. So the run goes in event-time minutes, and minute k+1 only once the job has read all of minute k from
   * every shard (no timing assumption: the tracker sees each shard's consumer find nothing more). Every window ends
   * on a minute boundary, so no event of minute k can be late while minute k is read, in whatever order.
   */
  async function feedRun(): Promise<void> {
    const shards = { clickstream: await shardsOf('ClickstreamStream'), iot: await shardsOf('IotTelemetryStream'), payments: await shardsOf('PaymentsStream') };
    const allShards = Object.values(shards).flatMap((ranges) => ranges.map((range) => range.key));
    for (const items of run.minutes) {
      await Promise.all([post('clickstream/events', 'events', items.clicks), post('iot/telemetry', 'readings', items.readings), post('payments/transactions', 'transactions', items.transactions)]);
      await waitUntilRead(allShards);
    }
    // A later event in every shard moves every subtask's watermark past every window of the run (see watermarkPushers).
    const pushers = watermarkPushers(run, shards);
    await Promise.all([post('clickstream/events', 'events', pushers.clicks), post('iot/telemetry', 'readings', pushers.readings), post('payments/transactions', 'transactions', pushers.transactions)]);
    await waitUntilRead(allShards);
    await waitForWindowRows();
  }

  function waitUntilRead(shards: readonly ShardKey[]): Promise<void> {
    if (reads === undefined) throw new Error('The read tracker did not start');
    return reads.waitUntilRead(shards, {
      timeoutMs: STEP_TIMEOUT_MS,
      stillRunning: () => flink?.isAlive() === true,
      describeFailure: () => logTail(flink?.logFile ?? ''),
    });
  }

  async function shardsOf(logicalId: string): Promise<Array<ShardRange & { key: ShardKey }>> {
    const streamName = cloud().physicalId(logicalId);
    const { Shards = [] } = await createKinesisClient().send(new ListShardsCommand({ StreamName: streamName }));
    return Shards.map((shard) => ({
      key: shardKey(streamName, shard.ShardId ?? ''),
      start: BigInt(shard.HashKeyRange?.StartingHashKey ?? '0'),
      end: BigInt(shard.HashKeyRange?.EndingHashKey ?? '0'),
    }));
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

  /**
   * The sink writes a window's rows in batches of up to 25, the last of them when its buffer times out: every expected
   * row of every checked window is in the table before the tests read them (their values are checked there, exactly).
   */
  async function waitForWindowRows(): Promise<void> {
    const documents = createDynamoDbDocumentClient();
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    const expected: Record<CheckedMetric, ExpectedWindows> = {
      page_views: expectedPageViews(run.clicks),
      device_readings: expectedDeviceReadings(run.readings),
      card_activity: expectedCardActivity(run.transactions),
    };
    for (const [metric, windows] of Object.entries(expected)) {
      for (const [sk, rows] of rowsPerWindowStart(windows)) {
        for (;;) {
          const { Count = 0 } = await documents.send(
            new QueryCommand({
              TableName: cloud().physicalId('MetricsTable'),
              IndexName: 'byMetric',
              KeyConditionExpression: 'metric = :metric AND sk = :sk',
              ExpressionAttributeValues: { ':metric': metric, ':sk': sk },
              Select: 'COUNT',
            }),
          );
          if (Count >= rows) break;
          if (!flink?.isAlive()) throw new Error(`The Flink job stopped${logTail(flink?.logFile ?? '')}`);
          if (Date.now() > deadline) throw new Error(`${metric} ${sk}: ${Count} of ${rows} rows within ${STEP_TIMEOUT_MS / 1000} s${logTail(flink.logFile ?? '')}`);
          await sleep(500);
        }
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

/** How many rows (dimensions) each window start of `windows` has. */
function rowsPerWindowStart(windows: ExpectedWindows): Map<string, number> {
  const rows = new Map<string, number>();
  for (const key of windows.keys()) {
    const start = key.split(' ')[0] ?? key;
    rows.set(start, (rows.get(start) ?? 0) + 1);
  }
  return rows;
}

function text(value: QueryValue | undefined): string {
  if (typeof value !== 'string') throw new Error(`Expected a string column, got ${JSON.stringify(value)}`);
  return value;
}

function idOf(item: object): string {
  const record = item as Record<string, unknown>;
  return String(record.eventId ?? record.readingId ?? record.transactionId);
}
