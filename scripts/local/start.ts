// `npm start`: the local demo — local cloud up, simulated clickstream traffic through the real API, a live summary.
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startLocalCloud, type LocalCloud } from './cloud';
import type { KinesisBackend } from './emulators';
import { createDynamoDbDocumentClient, createSqsClient } from '../../shared/aws/clients';
import { createClickstreamGenerator } from '../simulate/clickstream-sessions';
import { createHttpBatchSender } from '../simulate/http-batch-sender';
import { endpointUrl } from '../simulate/api-target';
import { runTraffic, type TrafficStats } from '../simulate/traffic-runner';
import { formatProgressLine } from '../simulate/progress';

const HELP = `npm start [-- options]

Starts the embedded local cloud (no Docker), creates every resource of serverless.yml (stage "local"),
sends simulated clickstream traffic through the producer API and prints a live summary. Ctrl-C stops everything.

  --rate N         simulated events per second (default 20; 0 = no traffic, just the cloud)
  --duration S     stop by itself after S seconds (default: run until Ctrl-C)
  --seed N         simulator seed (default 42)
  --port N         API port (default 4500; moto, Kinesis and Firehose use the next three; 0 = any free ports)
  --kinesis NAME   Kinesis backend: moto (default) or kinesis-local (also: LOCAL_KINESIS_BACKEND)
  --help`;

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
  try {
    printConnection(cloud, Date.now() - startedAt);
    const timer = durationSeconds === undefined ? undefined : setTimeout(() => stopping.abort(), durationSeconds * 1000);
    const traffic = rate > 0 ? startTraffic(cloud, rate, seed, stopping.signal) : undefined;
    const summary = setInterval(() => void printSummary(cloud, traffic?.latest()), 2_000);
    if (traffic) await traffic.done;
    else await new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve()));
    clearInterval(summary);
    if (timer) clearTimeout(timer);
    console.log('\nStopping: delivering what is in flight…');
    await cloud.drainStreams();
    await cloud.firehose.flush();
    await printSummary(cloud, traffic?.latest());
  } finally {
    await cloud.stop();
    console.log('Local cloud stopped.');
  }
}

function printConnection(cloud: LocalCloud, startupMs: number): void {
  const apiKey = cloud.apiKeys[0]?.value ?? '(none)';
  console.log(`Local cloud ready in ${(startupMs / 1000).toFixed(1)} s (Kinesis backend: ${cloud.kinesisBackend}).

  Producer API   POST ${cloud.apiUrl}/clickstream/events
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

function startTraffic(cloud: LocalCloud, rate: number, seed: number, signal: AbortSignal): { done: Promise<unknown>; latest: () => TrafficStats | undefined } {
  let latest: TrafficStats | undefined;
  const run = runTraffic({
    generator: createClickstreamGenerator({ seed, targetRate: rate }),
    send: createHttpBatchSender({ url: endpointUrl(cloud.apiUrl, 'clickstream/events'), apiKey: cloud.apiKeys[0]?.value ?? '' }),
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
  return { done, latest: () => latest };
}

async function printSummary(cloud: LocalCloud, traffic: TrafficStats | undefined): Promise<void> {
  const stream = cloud.mappings[0]?.stats().totals;
  const archive = cloud.firehose.stats().totals;
  const [sessions, deadLetters] = await Promise.all([countSessions(cloud), deadLetterDepth(cloud)]);
  const lines = [
    traffic ? `simulator  ${formatProgressLine(traffic, 'sessions active')}` : 'simulator  off',
    stream
      ? `stream     read ${stream.recordsRead} · delivered ${stream.recordsDelivered} · invocations ${stream.invocations} (failed ${stream.failedInvocations}) · iterator age ${stream.iteratorAgeMs ?? '-'} ms`
      : 'stream     no event-source mapping',
    `sessions   ${sessions} in DynamoDB · dead letters ${deadLetters}`,
    `archive    ${archive.recordsIn} records in · ${archive.recordsBuffered} buffered · ${archive.objectsWritten} GZIP objects in S3`,
  ];
  console.log(`\n${new Date().toISOString()}\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

async function countSessions(cloud: LocalCloud): Promise<number> {
  const documents = createDynamoDbDocumentClient();
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: cloud.physicalId('SessionsTable'), Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function deadLetterDepth(cloud: LocalCloud): Promise<string> {
  const { Attributes } = await createSqsClient().send(
    new GetQueueAttributesCommand({ QueueUrl: cloud.physicalId('ClickstreamDeadLetterQueue'), AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Attributes?.ApproximateNumberOfMessages ?? '?';
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
