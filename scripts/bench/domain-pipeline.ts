// Runs each domain's real handlers in this process: simulator events → ingest handler → (fake) Kinesis → consumer handler → (fake) DynamoDB/Firehose/SQS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { parse } from 'yaml';
import type { z } from 'zod';
import { clickstreamRecordSchema } from '../../shared/events/clickstream';
import { iotRecordSchema } from '../../shared/events/iot';
import { transactionRecordSchema } from '../../shared/events/payments';
import { clickstreamSimulator } from '../simulate/clickstream';
import { iotSimulator } from '../simulate/iot';
import { paymentsSimulator } from '../simulate/payments';
import type { SimulatorSpec } from '../simulate/simulator-cli';
import { createFakeAws, type FakeAws, type StoredKinesisRecord } from './fake-aws';
import { instrumentAllSdkClients, type InProcessTransport, type SdkCallListener } from './sdk-calls';

export const DOMAINS = ['clickstream', 'iot', 'payments'] as const;
export type Domain = (typeof DOMAINS)[number];

const projectRoot = join(__dirname, '..', '..');
const STREAM_NAME = 'bench-stream';
const REGION = 'us-east-1';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

interface DomainSpec {
  simulator: SimulatorSpec<unknown, unknown>;
  recordSchema: z.ZodType<unknown>;
  loadIngest: () => Promise<LambdaHandler>;
  loadConsumer: () => Promise<LambdaHandler>;
}

const asHandler = (module: { handler: unknown }): LambdaHandler => module.handler as LambdaHandler;

export const DOMAIN_SPECS: Record<Domain, DomainSpec> = {
  clickstream: {
    simulator: clickstreamSimulator as SimulatorSpec<unknown, unknown>,
    recordSchema: clickstreamRecordSchema,
    loadIngest: async () => asHandler(await import('../../functions/clickstream/ingest')),
    loadConsumer: async () => asHandler(await import('../../functions/clickstream/consume')),
  },
  iot: {
    simulator: iotSimulator as SimulatorSpec<unknown, unknown>,
    recordSchema: iotRecordSchema,
    loadIngest: async () => asHandler(await import('../../functions/iot/ingest')),
    loadConsumer: async () => asHandler(await import('../../functions/iot/consume')),
  },
  payments: {
    simulator: paymentsSimulator as SimulatorSpec<unknown, unknown>,
    recordSchema: transactionRecordSchema,
    loadIngest: async () => asHandler(await import('../../functions/payments/ingest')),
    loadConsumer: async () => asHandler(await import('../../functions/payments/score')),
  },
};

/** Table names are the template's logical ids; their key schemas come from serverless.yml. */
const TABLES = { SESSIONS_TABLE_NAME: 'SessionsTable', DEVICES_TABLE_NAME: 'DevicesTable', ALERTS_TABLE_NAME: 'AlertsTable', CARD_PROFILES_TABLE_NAME: 'CardProfilesTable' };

export function tableKeySchemas(): Record<string, string[]> {
  const document = parse(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
    resources?: { Resources?: Record<string, { Properties?: { KeySchema?: Array<{ AttributeName: string; KeyType: string }> } }> };
  };
  const resources = document.resources?.Resources ?? {};
  return Object.fromEntries(
    Object.values(TABLES).map((logicalId) => {
      const schema = resources[logicalId]?.Properties?.KeySchema ?? [];
      const ordered = [...schema].sort((left) => (left.KeyType === 'HASH' ? -1 : 1)).map((key) => key.AttributeName);
      return [logicalId, ordered];
    }),
  );
}

/**
 * The environment serverless.yml gives the functions, with bench names; logs and metrics are silenced so output
 * stays readable (Lambda would ship them to CloudWatch; their cost is in the cost model, not in these timings).
 */
export function applyFunctionEnvironment(): void {
  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    // Never contacted: the in-process transport answers first. Set so a missing fake can never reach real AWS.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_METRICS_NAMESPACE: 'bench',
    STREAM_NAME,
    DELIVERY_STREAM_NAME: 'bench-archive',
    DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-dlq',
    SESSION_TTL_DAYS: '30',
    ALERT_TTL_DAYS: '90',
    ...TABLES,
  });
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'bench',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** `count` items from the domain's simulator, stamped as if sent at `ratePerSecond` (its sessions/devices/cards depend on the rate). */
export function generatePayloads(domain: Domain, count: number, ratePerSecond: number, seed = '42'): unknown[] {
  const generator = DOMAIN_SPECS[domain].simulator.createGenerator({ rate: ratePerSecond, seed, batchSize: 100, lingerMs: 200, concurrency: 4 });
  const start = Date.parse('2026-11-26T10:00:00.000Z');
  const payloads: unknown[] = [];
  for (let index = 0; payloads.length < count; index += 1) {
    const item = generator.next(start + (index * 1000) / ratePerSecond);
    if (item === undefined) break;
    payloads.push(item.payload);
  }
  return payloads;
}

export function apiEvent(domain: Domain, payloads: readonly unknown[]): unknown {
  const requestBody = DOMAIN_SPECS[domain].simulator.requestBody ?? ((items: readonly unknown[]) => ({ events: items }));
  return {
    httpMethod: 'POST',
    path: `/${DOMAIN_SPECS[domain].simulator.endpointPath}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(requestBody(payloads)),
    isBase64Encoded: false,
    requestContext: { requestId: 'bench' },
  };
}

function kinesisRecord(record: StoredKinesisRecord): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.partitionKey,
      sequenceNumber: record.sequenceNumber,
      data: record.data,
      approximateArrivalTimestamp: 1_790_000_000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${record.shardId}:${record.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: `arn:aws:iam::000000000000:role/bench`,
    awsRegion: REGION,
    eventSourceARN: `arn:aws:kinesis:${REGION}:000000000000:stream/${STREAM_NAME}`,
  };
}

/** Batches as Lambda's poller forms them: per shard, in sequence order, up to `batchSize` records. */
export function kinesisEvents(records: readonly StoredKinesisRecord[], batchSize: number): KinesisStreamEvent[] {
  const byShard = new Map<string, StoredKinesisRecord[]>();
  for (const record of records) {
    const shard = byShard.get(record.shardId);
    if (shard === undefined) byShard.set(record.shardId, [record]);
    else shard.push(record);
  }
  const events: KinesisStreamEvent[] = [];
  for (const shardRecords of byShard.values()) {
    for (let start = 0; start < shardRecords.length; start += batchSize) {
      events.push({ Records: shardRecords.slice(start, start + batchSize).map(kinesisRecord) });
    }
  }
  return events;
}

/** One fake AWS per run, swappable; the SDK instrumentation always talks to the current one. */
export interface InProcessAws {
  current(): FakeAws;
  reset(): FakeAws;
  restore(): void;
}

export function installInProcessAws(listener: SdkCallListener): InProcessAws {
  const keySchemas = tableKeySchemas();
  let fake = createFakeAws({ keySchemas });
  const transport: InProcessTransport = (call) => fake.transport(call);
  const instrumentation = instrumentAllSdkClients(listener, transport);
  return {
    current: () => fake,
    reset: () => {
      fake = createFakeAws({ keySchemas });
      return fake;
    },
    restore: () => instrumentation.restore(),
  };
}

export { STREAM_NAME };
