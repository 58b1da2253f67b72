// `npm start`: the local demo — local cloud up, simulated clickstream traffic through the real API, a live summary.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startLocalCloud, type LocalCloud } from './cloud';
import type { KinesisBackend } from './emulators';
import { LOCAL_FLINK_SWITCH, startLocalFlink, type LocalFlink } from './flink';
import { formatFlinkLine, summarizeMetricsTable, type MetricsTableSummary } from './flink/metrics-summary';
import { createDynamoDbDocumentClient, createSqsClient } from '../../shared/aws/clients';
import type { Alert } from '../../shared/alerts/alert';
import { clickstreamSimulator } from '../simulate/clickstream';
import { iotSimulator } from '../simulate/iot';
import { paymentsSimulator } from '../simulate/payments';
import type { SimulatorSpec } from '../simulate/simulator-cli';
import { createHttpBatchSender } from '../simulate/http-batch-sender';
import { endpointUrl } from '../simulate/api-target';
import { runTraffic, type TrafficStats } from '../simulate/traffic-runner';
import { formatProgressLine } from '../simulate/progress';

const HELP = `npm start [-- options]

Starts the embedded local cloud (no Docker), creates every resource of serverless.yml (stage "local"),
sends simulated clickstream, IoT and payments traffic through the producer APIs and prints a live summary.
Ctrl-C stops everything.

  --rate N         simulated items per second for each domain (default 20; 0 = no traffic, just the cloud)
  --duration S     stop by itself after S seconds (default: run until Ctrl-C)
  --seed N         simulator seed (default 42)
  --port N         API port (default 4500; moto, Kinesis and Firehose use the next three; 0 = any free ports)
  --kinesis NAME   Kinesis backend: moto (default) or kinesis-local (also: LOCAL_KINESIS_BACKEND)
  --help

With Java 17+ and Maven on PATH, the Flink metrics job runs too (a MiniCluster; GET /metrics/...);
${LOCAL_FLINK_SWITCH}=off skips it.`;

const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    duration: { type: 'string' },
    seed: { type: 'string', default: '42' },
    port: { type: 'string', default: '4500' },
    kinesis: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative number, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  if (flags.help) {
    console.log(HELP);
    return;
  }
  const rate = numberFlag('rate', flags.rate) ?? 20;
  const durationSeconds = numberFlag('duration', flags.duration);
  const seed = numberFlag('seed', flags.seed) ?? 42;
  const port = numberFlag('port', flags.port) ?? 4500;
  const ports = port === 0 ? {} : { api: port, moto: port + 1, kinesis: port + 2, firehose: port + 3 };
  const kinesisBackend = flags.kinesis as KinesisBackend | undefined;

  const stopping = new AbortController();
  process.once('SIGINT', () => stopping.abort());
  process.once('SIGTERM', () => stopping.abort());

  console.log('Starting the local cloud: packaging serverless.yml (stage "local"), starting emulators, creating resources…');
  const startedAt = Date.now();
  const cloud = await startLocalCloud({ ports, kinesisBackend });
  let flink: Promise<LocalFlink> | undefined;
  try {
    printConnection(cloud, Date.now() - startedAt);
    flink = startFlink(cloud, stopping.signal);
    const timer = durationSeconds === undefined ? undefined : setTimeout(() => stopping.abort(), durationSeconds * 1000);
    const traffic =
      rate > 0
        ? [
            startTraffic(cloud, clickstreamSimulator, rate, seed, stopping.signal),
            startTraffic(cloud, iotSimulator, rate, seed, stopping.signal),
            startTraffic(cloud, paymentsSimulator, rate, seed, stopping.signal),
          ]
        : [];
    // A summary that fails (an emulator slow to answer under load) is reported, never fatal to the demo.
    const summary = setInterval(() => {
      printSummary(cloud, traffic, flinkState).catch((error: unknown) => console.error(`  (summary skipped: ${error instanceof Error ? error.message : String(error)})`));
    }, 2_000);
    if (traffic.length > 0) await Promise.all(traffic.map((domain) => domain.done));
    else await new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve()));
    clearInterval(summary);
    if (timer) clearTimeout(timer);
    console.log('\nStopping: delivering what is in flight…');
    await cloud.drainStreams();
    await cloud.firehose.flush();
    await printSummary(cloud, traffic, flinkState);
  } finally {
    // Before the cloud: the job reads its Kinesis and writes its DynamoDB.
    await (await flink)?.stop();
    await cloud.stop();
    console.log('Local cloud stopped.');
  }
}

/** What the live summary shows for Flink: starting until startLocalFlink settles, then the job (or why it is off). */
let flinkState: LocalFlink | 'starting' = 'starting';

/**
 * In the background, so traffic starts at once: the job reads its streams from the start (TRIM_HORIZON), so what the
 * simulators send while Maven builds or the JVM starts still counts.
 */
function startFlink(cloud: LocalCloud, signal: AbortSignal): Promise<LocalFlink> {
  return startLocalFlink({
    projectRoot: join(__dirname, '..', '..'),
    resources: cloud.resources,
    sdkEnv: cloud.sdkEnv,
    region: cloud.region,
    signal,
    log: (line) => console.log(`  Flink: ${line}`),
  }).then((flink) => {
    flinkState = flink;
    console.log(
      flink.status === 'running'
        ? `  Flink window metrics: on (job ${flink.jobId ?? '?'} RUNNING, log ${flink.logFile}); GET ${cloud.apiUrl}/metrics/page_views`
        : `  Flink window metrics: off (${flink.reason})`,
    );
    return flink;
  });
}

function printConnection(cloud: LocalCloud, startupMs: number): void {
  const apiKey = cloud.apiKeys[0]?.value ?? '(none)';
  console.log(`Local cloud ready in ${(startupMs / 1000).toFixed(1)} s (Kinesis backend: ${cloud.kinesisBackend}).

  Producer APIs  POST ${cloud.apiUrl}/clickstream/events · /iot/telemetry · /payments/transactions
  Dashboard      ${cloud.apiUrl}/dashboard#key=${apiKey}
  Read APIs      GET  ${cloud.apiUrl}/iot/devices/{id} · /payments/cards/{id}/alerts · /metrics/{metric} (Flink) · /cameras
  Cameras        npm run camera -- --camera front-door --scene empty,person,car   (Kinesis Video Streams + Rekognition fakes)
  API key        ${apiKey}            (also in .local/cloud.json)
  Sessions       DynamoDB table ${cloud.physicalId('SessionsTable')}
  Archive        s3://${cloud.physicalId('DataLakeBucket')}/clickstream/events/ (Firehose buffers up to ${bufferSeconds(cloud)} s)
  SDK endpoints  ${Object.entries(cloud.sdkEnv).filter(([name]) => name.startsWith('AWS_ENDPOINT_URL')).map(([name, value]) => `${name}=${value}`).join(' ')}
  Logs           ${cloud.log.path}, .local/logs/functions/

Try it:
  curl -s -X POST '${cloud.apiUrl}/clickstream/events' -H 'content-type: application/json' -H 'x-api-key: ${apiKey}' \\
    -d '{"events":[{"schemaVersion":1,"eventId":"3f0c6a56-8a3c-4b8e-9a57-0d6f8d2b1c11","eventType":"page_view","occurredAt":"${new Date().toISOString()}","sessionId":"s-curl-1","anonymousId":"a-curl-1","page":{"url":"https://shop.example.com/","path":"/"},"device":{"type":"desktop"}}]}'
`);
}

function bufferSeconds(cloud: LocalCloud): string {
  const stream = cloud.resources.find((resource) => resource.type === 'AWS::KinesisFirehose::DeliveryStream');
  const destination = stream?.properties.ExtendedS3DestinationConfiguration as { BufferingHints?: { IntervalInSeconds?: number } } | undefined;
  return String(destination?.BufferingHints?.IntervalInSeconds ?? 300);
}

interface DomainTraffic {
  name: string;
  done: Promise<unknown>;
  latest: () => TrafficStats | undefined;
  activeLabel: string;
}

function startTraffic<P, T>(cloud: LocalCloud, spec: SimulatorSpec<P, T>, rate: number, seed: number, signal: AbortSignal): DomainTraffic {
  let latest: TrafficStats | undefined;
  const run = runTraffic({
    generator: spec.createGenerator({ rate, seed: String(seed), batchSize: 100, lingerMs: 200, concurrency: 4 }),
    send: createHttpBatchSender({ url: endpointUrl(cloud.apiUrl, spec.endpointPath), apiKey: cloud.apiKeys[0]?.value ?? '', body: spec.requestBody }),
    rate,
    signal,
    onProgress: (stats) => {
      latest = stats;
    },
  });
  // The final summary replaces the last progress report, so the closing numbers are exact.
  const done = run.then((summary) => {
    latest = summary;
  });
  return { name: spec.endpointPath.split('/')[0] ?? spec.command, done, latest: () => latest, activeLabel: spec.activeLabel };
}

async function printSummary(cloud: LocalCloud, traffic: DomainTraffic[], flink: LocalFlink | 'starting'): Promise<void> {
  const archive = cloud.firehose.stats().totals;
  const [sessions, devices, cards, alerts, deadLetters, metrics] = await Promise.all([
    countItems(cloud, 'SessionsTable'),
    countItems(cloud, 'DevicesTable'),
    countItems(cloud, 'CardProfilesTable'),
    scanAlerts(cloud),
    Promise.all(['ClickstreamDeadLetterQueue', 'IotDeadLetterQueue', 'PaymentsDeadLetterQueue'].map((queue) => queueDepth(cloud, queue))),
    flinkMetrics(cloud, flink),
  ]);
  const deviceAlerts = alerts.filter((alert) => alert.entityId.startsWith('device#')).length;
  const fraudAlerts = alerts.filter((alert) => alert.entityId.startsWith('card#'));
  const lines = [
    ...(traffic.length === 0 ? ['simulators off (--rate 0)'] : []),
    ...traffic.map((domain) => {
      const stats = domain.latest();
      return `${domain.name.padEnd(12)}${stats ? formatProgressLine(stats, `${domain.activeLabel} active`) : 'starting…'}`;
    }),
    ...cloud.mappings.map((mapping) => {
      const stream = mapping.stats();
      const { totals } = stream;
      const streamName = (stream.streamArn.split('/').pop() ?? '').replace(`${cloud.stackName}-`, '');
      return `${`→ ${streamName}`.padEnd(16)} read ${totals.recordsRead} · delivered ${totals.recordsDelivered} · invocations ${totals.invocations} (failed ${totals.failedInvocations}) · iterator age ${totals.iteratorAgeMs ?? '-'} ms`;
    }),
    `state      sessions ${sessions} · devices ${devices} · card profiles ${cards} · dead letters ${deadLetters.join('/')}`,
    `alerts     IoT ${deviceAlerts} · fraud ${fraudAlerts.length}${latencySummary(fraudAlerts)}`,
    `archive    ${archive.recordsIn} records in · ${archive.recordsBuffered} buffered · ${archive.objectsWritten} GZIP objects in S3`,
    formatFlinkLine(flink, metrics),
  ];
  console.log(`\n${new Date().toISOString()}\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

async function flinkMetrics(cloud: LocalCloud, flink: LocalFlink | 'starting'): Promise<MetricsTableSummary | undefined> {
  if (flink === 'starting' || flink.status !== 'running') return undefined;
  return summarizeMetricsTable(createDynamoDbDocumentClient(), cloud.physicalId('MetricsTable'));
}

/** Decision latency: a transaction's event time to its fraud alert being written. */
function latencySummary(alerts: Alert[]): string {
  const latencies = alerts.map((alert) => Date.parse(alert.detectedAt) - Date.parse(alert.occurredAt)).sort((a, b) => a - b);
  if (latencies.length === 0) return '';
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return ` · decision latency (event → alert) p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}

async function countItems(cloud: LocalCloud, table: string): Promise<number> {
  const documents = createDynamoDbDocumentClient();
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: cloud.physicalId(table), Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function scanAlerts(cloud: LocalCloud): Promise<Alert[]> {
  const documents = createDynamoDbDocumentClient();
  const alerts: Alert[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: cloud.physicalId('AlertsTable'), ExclusiveStartKey: startKey }));
    alerts.push(...((page.Items ?? []) as Alert[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return alerts;
}

async function queueDepth(cloud: LocalCloud, queue: string): Promise<string> {
  const { Attributes } = await createSqsClient().send(
    new GetQueueAttributesCommand({ QueueUrl: cloud.physicalId(queue), AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Attributes?.ApproximateNumberOfMessages ?? '?';
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
