// Benchmark 1: AWS calls per 1,000 events on each domain's path, counted by SDK middleware around the real handlers; vs a naive per-record version and the batching lower bound.
import { createDynamoDbDocumentClient, createFirehoseClient, createKinesisClient } from '../../../shared/aws/clients';
import { createNaiveConsumer } from '../baselines/naive-consumer';
import { publishEachEvent } from '../baselines/naive-producer';
import {
  apiEvent,
  applyFunctionEnvironment,
  DOMAIN_SPECS,
  generatePayloads,
  installInProcessAws,
  kinesisEvents,
  lambdaContext,
  STREAM_NAME,
  type Domain,
} from '../domain-pipeline';
import {
  dynamoDbBatchGetLowerBound,
  dynamoDbBatchWriteLowerBound,
  firehosePutRecordBatchLowerBound,
  kinesisPutRecordsLowerBound,
  sqsSendMessageBatchLowerBound,
} from '../lower-bounds';
import { dynamoDbItemBytes } from '../dynamodb-item-size';
import { createCallCounter, type CallTally, type SdkCall } from '../sdk-calls';
import { formatTable } from '../table';

export interface AwsCallsOptions {
  events: number;
  /** Simulated traffic rate: sets how many sessions/devices/cards share a batch. */
  ratePerSecond: number;
  eventsPerRequest: number;
  consumerBatchSize: number;
}

export interface PathCalls {
  /** Calls by "Service.Operation" per 1,000 events. */
  project: Record<string, number>;
  naive: Record<string, number>;
  lowerBound: Record<string, number>;
}

export interface DomainCalls {
  domain: Domain;
  events: number;
  producer: PathCalls;
  consumer: PathCalls;
  consumerInvocations: number;
  /** Sizes and ratios measured on the project path (inputs of the cost-per-million benchmark). */
  measured: {
    kinesisRecordBytes: number;
    dynamoDbPutsPerEvent: number;
    /** Average DynamoDB size of the items put (what write units are billed on). */
    dynamoDbItemBytes: number;
    naiveDynamoDbItemBytes: number;
    dynamoDbKeysReadPerEvent: number;
    firehoseRequestBytesPerRecord: number;
    /** Sequential round trips per consumer invocation (BatchGet, put waves of 10, PutRecordBatch, SQS). */
    consumerRoundTripsPerInvocation: number;
    naiveConsumerRoundTripsPerInvocation: number;
  };
  projectTallies: { producer: Record<string, CallTally>; consumer: Record<string, CallTally> };
}

const perThousand = (tallies: Record<string, CallTally>, events: number): Record<string, number> =>
  Object.fromEntries(Object.entries(tallies).map(([name, tally]) => [name, round((tally.calls / events) * 1000)]));

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

const minus = (after: Record<string, CallTally>, before: Record<string, CallTally>, name: string): CallTally => ({
  calls: (after[name]?.calls ?? 0) - (before[name]?.calls ?? 0),
  entries: (after[name]?.entries ?? 0) - (before[name]?.entries ?? 0),
  requestBytes: (after[name]?.requestBytes ?? 0) - (before[name]?.requestBytes ?? 0),
});

const PARTITION_KEYS: Record<Domain, string> = { clickstream: 'sessionId', iot: 'deviceId', payments: 'cardId' };
const NAIVE_TABLES: Record<Domain, string> = { clickstream: 'SessionsTable', iot: 'DevicesTable', payments: 'CardProfilesTable' };

/** Sizes of the items PutItem writes, kept apart from the call counts. */
function createItemSizes(): { listener: (call: SdkCall) => void; average: () => number; reset(): void } {
  let total = 0;
  let count = 0;
  return {
    listener: (call) => {
      const item = (call.body as { Item?: Parameters<typeof dynamoDbItemBytes>[0] } | undefined)?.Item;
      if (call.service !== 'DynamoDB' || call.operation !== 'PutItem' || item === undefined) return;
      total += dynamoDbItemBytes(item);
      count += 1;
    },
    average: () => (count === 0 ? 0 : Math.round(total / count)),
    reset: () => {
      total = 0;
      count = 0;
    },
  };
}

async function measureDomain(domain: Domain, options: AwsCallsOptions): Promise<DomainCalls> {
  const counter = createCallCounter();
  const itemSizes = createItemSizes();
  const aws = installInProcessAws((call) => {
    counter.listener(call);
    itemSizes.listener(call);
  });
  try {
    const spec = DOMAIN_SPECS[domain];
    const [ingest, consume] = await Promise.all([spec.loadIngest(), spec.loadConsumer()]);
    const payloads = generatePayloads(domain, options.events, options.ratePerSecond);
    const events = payloads.length;

    // Project path: producer.
    for (let start = 0; start < events; start += options.eventsPerRequest) {
      const response = (await ingest(apiEvent(domain, payloads.slice(start, start + options.eventsPerRequest)), lambdaContext(`${domain}-ingest`))) as { statusCode?: number };
      if (response.statusCode !== 202) throw new Error(`${domain} ingest answered ${response.statusCode}`);
    }
    const producerTallies = counter.tallies();
    const records = aws.current().takeKinesisRecords(STREAM_NAME);
    const recordBytes = records.reduce((sum, record) => sum + Buffer.from(record.data, 'base64').length, 0);
    counter.reset();

    // Project path: consumer, one invocation per Lambda-sized batch; the bound is computed per invocation too.
    const batches = kinesisEvents(records, options.consumerBatchSize);
    const bound = { 'DynamoDB.BatchGetItem': 0, 'DynamoDB.BatchWriteItem': 0, 'Firehose.PutRecordBatch': 0, 'SQS.SendMessageBatch': 0 };
    let roundTrips = 0;
    for (const batch of batches) {
      const before = counter.tallies();
      await consume(batch, lambdaContext(`${domain}-consume`));
      const after = counter.tallies();
      const gets = minus(after, before, 'DynamoDB.BatchGetItem');
      const puts = minus(after, before, 'DynamoDB.PutItem');
      const archive = minus(after, before, 'Firehose.PutRecordBatch');
      const letters = minus(after, before, 'SQS.SendMessageBatch');
      bound['DynamoDB.BatchGetItem'] += dynamoDbBatchGetLowerBound(gets.entries);
      bound['DynamoDB.BatchWriteItem'] += dynamoDbBatchWriteLowerBound(puts.calls);
      bound['Firehose.PutRecordBatch'] += firehosePutRecordBatchLowerBound(archive.entries, archive.requestBytes);
      bound['SQS.SendMessageBatch'] += sqsSendMessageBatchLowerBound(letters.entries, letters.requestBytes);
      roundTrips += gets.calls + Math.ceil(puts.calls / 10) + archive.calls + letters.calls;
    }
    const consumerTallies = counter.tallies();
    const projectItemBytes = itemSizes.average();
    itemSizes.reset();

    // Naive path, against a fresh fake.
    aws.reset();
    counter.reset();
    await publishEachEvent(payloads, {
      kinesis: createKinesisClient(),
      streamName: STREAM_NAME,
      partitionKeyOf: (payload) => String((payload as Record<string, unknown>)[PARTITION_KEYS[domain]]),
    });
    const naiveProducer = counter.tallies();
    const naiveRecords = aws.current().takeKinesisRecords(STREAM_NAME);
    counter.reset();
    const naiveConsume = createNaiveConsumer({
      dynamoDb: createDynamoDbDocumentClient(),
      firehose: createFirehoseClient(),
      tableName: NAIVE_TABLES[domain],
      keyAttribute: PARTITION_KEYS[domain],
      deliveryStreamName: 'bench-archive',
    });
    const naiveBatches = kinesisEvents(naiveRecords, options.consumerBatchSize);
    for (const batch of naiveBatches) await naiveConsume(batch);
    const naiveConsumer = counter.tallies();
    const naiveCalls = Object.values(naiveConsumer).reduce((sum, tally) => sum + tally.calls, 0);

    const requests = Math.ceil(events / options.eventsPerRequest);
    const producerBound = Array.from({ length: requests }, (_, index) => Math.min(options.eventsPerRequest, events - index * options.eventsPerRequest))
      .reduce((sum, count) => sum + kinesisPutRecordsLowerBound(count, (recordBytes / events) * count), 0);
    const puts = consumerTallies['DynamoDB.PutItem'];
    const gets = consumerTallies['DynamoDB.BatchGetItem'];
    const archive = consumerTallies['Firehose.PutRecordBatch'];
    return {
      domain,
      events,
      producer: {
        project: perThousand(producerTallies, events),
        naive: perThousand(naiveProducer, events),
        lowerBound: { 'Kinesis.PutRecords': round((producerBound / events) * 1000) },
      },
      consumer: {
        project: perThousand(consumerTallies, events),
        naive: perThousand(naiveConsumer, events),
        lowerBound: Object.fromEntries(Object.entries(bound).map(([name, calls]) => [name, round((calls / events) * 1000)])),
      },
      consumerInvocations: batches.length,
      measured: {
        kinesisRecordBytes: Math.round(recordBytes / Math.max(1, records.length)),
        dynamoDbPutsPerEvent: round((puts?.calls ?? 0) / events, 3),
        dynamoDbItemBytes: projectItemBytes,
        naiveDynamoDbItemBytes: itemSizes.average(),
        dynamoDbKeysReadPerEvent: round((gets?.entries ?? 0) / events, 3),
        firehoseRequestBytesPerRecord: Math.round((archive?.requestBytes ?? 0) / Math.max(1, archive?.entries ?? 0)),
        consumerRoundTripsPerInvocation: round(roundTrips / Math.max(1, batches.length), 2),
        naiveConsumerRoundTripsPerInvocation: round(naiveCalls / Math.max(1, naiveBatches.length), 2),
      },
      projectTallies: { producer: producerTallies, consumer: consumerTallies },
    };
  } finally {
    aws.restore();
  }
}

export async function runAwsCalls(options: AwsCallsOptions): Promise<DomainCalls[]> {
  applyFunctionEnvironment();
  const results: DomainCalls[] = [];
  for (const domain of Object.keys(DOMAIN_SPECS) as Domain[]) results.push(await measureDomain(domain, options));
  return results;
}

const total = (calls: Record<string, number>): number => round(Object.values(calls).reduce((sum, value) => sum + value, 0));

export function formatAwsCalls(results: readonly DomainCalls[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    for (const [path, calls] of [['producer', result.producer], ['consumer', result.consumer]] as const) {
      const operations = new Set([...Object.keys(calls.project), ...Object.keys(calls.naive), ...Object.keys(calls.lowerBound)]);
      for (const operation of [...operations].sort()) {
        rows.push([result.domain, path, operation, String(calls.project[operation] ?? 0), String(calls.naive[operation] ?? 0), String(calls.lowerBound[operation] ?? 0)]);
      }
      rows.push([result.domain, path, 'all calls', String(total(calls.project)), String(total(calls.naive)), String(total(calls.lowerBound))]);
    }
  }
  return formatTable(['domain', 'path', 'call', 'project', 'naive', 'lower bound'], rows, [3, 4, 5]);
}
