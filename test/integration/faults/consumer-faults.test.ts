// Every stream consumer (clickstream consume, IoT consume, payments score) under injected faults: 0 events lost and
// 0 aggregates double-counted, checked against generated ground truth. Set FAULT_SEED to replay a failing run.
import { PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import type { KinesisStreamEvent } from 'aws-lambda';
import { startLocalCloud, type LocalCloud } from '../../../scripts/local/cloud';
import { seededRandom, type FaultPlan } from '../../../scripts/local/faults';
import {
  archivedIds,
  cardMismatches,
  deviceMismatches,
  directClients,
  drainQueue,
  missingFromArchive,
  postWorkload,
  sessionMismatches,
  type DirectClients,
} from './pipeline-checks';
import { clickstreamWorkload, iotWorkload, paymentsWorkload, type Workload } from './workloads';
import type { ClickEvent } from '../../../shared/events/clickstream';
import type { Reading } from '../../../shared/events/iot';
import type { Transaction } from '../../../shared/events/payments';

const seed = Number(process.env.FAULT_SEED ?? 20_260_726);
const KEYS = 6;
const PER_KEY = 15;

/** A meaningful share of every kind of call the pipeline makes fails; each kind is asserted to have happened. */
const THROTTLING: FaultPlan = {
  throttle: { 'kinesis.PutRecords': 0.15, 'kinesis.GetRecords': 0.15, 'firehose.PutRecordBatch': 0.15, 'dynamodb.*': 0.1 },
  failEntries: { 'kinesis.PutRecords': 0.25, 'firehose.PutRecordBatch': 0.25, 'dynamodb.BatchGetItem': 0.25, 'dynamodb.BatchWriteItem': 0.25 },
};

interface Scenario {
  clickstream: Workload<ClickEvent>;
  iot: Workload<Reading>;
  payments: Workload<Transaction>;
}

const idsOf = <E>(workload: Workload<E>): string[] => workload.events.map((event) => workload.idOf(event));

let cloud: LocalCloud;
let clients: DirectClients;
const verified: Scenario[] = [];

function scenario(tag: string): Scenario {
  const tagHash = [...tag].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0, 0x811c9dc5);
  const random = seededRandom((seed ^ tagHash) >>> 0);
  return {
    clickstream: clickstreamWorkload(random, tag, KEYS, PER_KEY),
    iot: iotWorkload(random, tag, KEYS, PER_KEY),
    payments: paymentsWorkload(random, tag, KEYS, PER_KEY),
  };
}

async function produce(workloads: Scenario): Promise<number> {
  const reports = await Promise.all([
    postWorkload(cloud, workloads.clickstream),
    postWorkload(cloud, workloads.iot),
    postWorkload(cloud, workloads.payments),
  ]);
  return reports.reduce((sum, report) => sum + report.resent, 0);
}

/** Drains with the faults still on, then switches them off so nothing more is injected while the results are read. */
async function settle(): Promise<void> {
  await cloud.drainStreams();
  cloud.faults?.proxy.configure({});
  cloud.faults?.deliveries.configure({});
}

/** Aggregates exact, every event archived at least once (duplicates allowed: Firehose is at-least-once), nothing discarded. */
async function expectExact(...workloads: Scenario[]): Promise<void> {
  const problems: string[] = [];
  for (const { clickstream, iot, payments } of workloads) {
    problems.push(...(await sessionMismatches(cloud, clients, clickstream.events)));
    problems.push(...(await deviceMismatches(cloud, clients, iot.events)));
    problems.push(...(await cardMismatches(cloud, clients, payments.events)));
  }
  const archives = await Promise.all([
    archivedIds(cloud, clients, 'clickstream/events/', 'eventId'),
    archivedIds(cloud, clients, 'iot/readings/', 'readingId'),
    archivedIds(cloud, clients, 'payments/decisions/', 'transactionId'),
  ]);
  for (const { clickstream, iot, payments } of workloads) {
    [idsOf(clickstream), idsOf(iot), idsOf(payments)].forEach((ids, index) => {
      const missing = missingFromArchive(ids, archives[index] ?? []);
      if (missing.length > 0) problems.push(`archive ${index}: ${missing.length} events missing, e.g. ${missing.slice(0, 3).join(', ')}`);
    });
  }
  const discarded = cloud.mappings.reduce((sum, mapping) => sum + mapping.stats().totals.recordsDiscarded, 0);
  if (discarded > 0) problems.push(`${discarded} records discarded by the event-source mappings (OnFailure)`);
  expect({ seed, problems }).toEqual({ seed, problems: [] });
}

beforeAll(async () => {
  cloud = await startLocalCloud({
    faults: { seed },
    pollIntervalMs: 100,
    logSuffix: `faults-${process.env.JEST_WORKER_ID ?? '0'}`,
    writeConnectionFile: false,
  });
  clients = directClients(cloud);
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
}, 60_000);

/** The mappings of the three consumers under test (the template has other stream consumers too). */
const CONSUMERS = ['clickstreamConsume', 'iotConsume', 'paymentsScore'];
const consumerMappings = () => cloud.mappings.filter((mapping) => CONSUMERS.some((name) => mapping.config.functionName.endsWith(`-${name}`)));

const faults = () => {
  if (!cloud.faults) throw new Error('the local cloud was started without faults');
  return cloud.faults;
};

describe(`consumers under injected faults (FAULT_SEED=${seed})`, () => {
  test('throttling and partial PutRecords / PutRecordBatch / BatchGetItem failures lose and double-count nothing', async () => {
    faults().proxy.configure(THROTTLING);
    const workloads = scenario('throttle');
    const resent = await produce(workloads);
    await settle();
    await expectExact(workloads);
    verified.push(workloads);

    const { proxy } = faults();
    expect({
      putRecordsThrottles: proxy.injected('throttle', 'kinesis.PutRecords') > 0,
      getRecordsThrottles: proxy.injected('throttle', 'kinesis.GetRecords') > 0,
      dynamoDbThrottles: proxy.injected('throttle', 'dynamodb.*') > 0,
      firehoseThrottles: proxy.injected('throttle', 'firehose.PutRecordBatch') > 0,
      putRecordsFailedEntries: proxy.injected('failed-entry', 'kinesis.PutRecords') > 0,
      putRecordBatchFailedEntries: proxy.injected('failed-entry', 'firehose.PutRecordBatch') > 0,
      batchGetItemUnprocessedKeys: proxy.injected('failed-entry', 'dynamodb.BatchGetItem') > 0,
    }).toEqual({
      putRecordsThrottles: true,
      getRecordsThrottles: true,
      dynamoDbThrottles: true,
      firehoseThrottles: true,
      putRecordsFailedEntries: true,
      putRecordBatchFailedEntries: true,
      batchGetItemUnprocessedKeys: true,
    });
    console.info(`throttling scenario (seed ${seed}): ${resent} events resent by the producer after 503`, proxy.counters());
  }, 120_000);

  test('a consumer that crashes right after a DynamoDB write is redelivered without double counting', async () => {
    const stack = cloud.stackName;
    const crashAfterWrite = (tableLogicalId: string, functionName: string) => ({
      operation: 'dynamodb.PutItem',
      tableName: cloud.physicalId(tableLogicalId),
      functionName: `${stack}-${functionName}`,
      // The first writes of the first two invocations that write: every consumer crashes, deterministically.
      probability: 1,
      maxCrashes: 2,
    });
    faults().proxy.configure({
      crashes: [
        crashAfterWrite('SessionsTable', 'clickstreamConsume'),
        crashAfterWrite('DevicesTable', 'iotConsume'),
        crashAfterWrite('CardProfilesTable', 'paymentsScore'),
      ],
    });
    const crashesBefore = faults().proxy.injected('crash', 'dynamodb.PutItem');
    const failedBefore = consumerMappings().map((mapping) => mapping.stats().totals.failedInvocations);
    const workloads = scenario('crash');
    await produce(workloads);
    await settle();
    await expectExact(workloads);
    verified.push(workloads);

    // Every consumer really died mid-batch (its write landed, its answer never came) and the mapping saw the error.
    const failedInvocations = consumerMappings().map((mapping, index) => mapping.stats().totals.failedInvocations - (failedBefore[index] ?? 0));
    expect(faults().proxy.injected('crash', 'dynamodb.PutItem') - crashesBefore).toBeGreaterThanOrEqual(6);
    expect(failedInvocations).toHaveLength(3);
    expect(failedInvocations.every((count) => count > 0)).toBe(true);
  }, 120_000);

  test('duplicate and out-of-order deliveries leave every aggregate as a single delivery would', async () => {
    faults().deliveries.configure({ duplicate: 0.3, replayOlder: 0.3 });
    const before = faults().deliveries.counters();
    const workloads = scenario('reorder');
    await produce(workloads);
    await settle();
    await expectExact(workloads, ...verified);
    verified.push(workloads);

    const after = faults().deliveries.counters();
    expect(after.duplicates - before.duplicates).toBeGreaterThan(0);
    expect(after.olderReplays - before.olderReplays).toBeGreaterThan(0);
  }, 120_000);

  test('a poison record in every batch goes to the DLQ with its reason; every other record is processed', async () => {
    const queues = ['ClickstreamDeadLetterQueue', 'IotDeadLetterQueue', 'PaymentsDeadLetterQueue'].map((id) => cloud.physicalId(id));
    await Promise.all(queues.map((queue) => drainQueue(clients, queue)));
    faults().proxy.configure(THROTTLING);
    faults().deliveries.configure({});
    faults().deliveries.forgetDelivered();
    const workloads = scenario('poison');
    const streams = ['ClickstreamStream', 'IotTelemetryStream', 'PaymentsStream'].map((id) => cloud.physicalId(id));
    const expectedLetters = await Promise.all(
      [workloads.clickstream, workloads.iot, workloads.payments].map((workload, index) =>
        putWithPoison(streams[index] ?? '', workload as Workload<object>),
      ),
    );
    await settle();
    await expectExact(workloads);
    verified.push(workloads);

    const problems: string[] = [];
    for (const [index, queue] of queues.entries()) {
      const letters = await drainQueue(clients, queue);
      const reasonByPosition = new Map(
        letters.map((letter) => {
          const source = letter.source as { shardId?: string; sequenceNumber?: string } | undefined;
          return [`${source?.shardId}:${source?.sequenceNumber}`, String(letter.reason)];
        }),
      );
      for (const [position, reason] of expectedLetters[index] ?? []) {
        if (reasonByPosition.get(position) !== reason) problems.push(`${queue}: ${position} should be dead-lettered as ${reason}, got ${reasonByPosition.get(position)}`);
      }
      const exhausted = letters.filter((letter) => letter.requestContext !== undefined);
      if (exhausted.length > 0) problems.push(`${queue}: ${exhausted.length} OnFailure records (retries exhausted)`);
    }
    const consumerBatches = faults()
      .deliveries.delivered()
      .map(({ event }) => (event as KinesisStreamEvent).Records)
      .filter((records) => records.length >= 2);
    const withoutPoison = consumerBatches.filter((records) => !records.some((record) => isPoison(record.kinesis.data)));
    expect({ seed, problems, batches: consumerBatches.length > 0, batchesWithoutPoison: withoutPoison.length }).toEqual({
      seed,
      problems: [],
      batches: true,
      batchesWithoutPoison: 0,
    });
  }, 120_000);

  test('a restart of the Lambda side mid-run (workers killed, pollers restarted from the stream start) loses nothing', async () => {
    faults().proxy.configure(THROTTLING);
    const recordsBefore = cloud.mappings.reduce((sum, mapping) => sum + mapping.stats().totals.recordsRead, 0);
    const first = scenario('restart-a');
    await produce(first);
    // The mappings are mid-batch now (1 s batching window): kill everything and start again.
    await faults().restart({ outageMs: 500 });
    await cloud.drainStreams();
    // Producers resume only after the replay: an ingest call timing out while the emulators replay the whole stream
    // would leave the client unable to tell whether its events were written (a resend could duplicate them).
    const second = scenario('restart-b');
    await produce(second);
    await settle();
    // The new pollers replayed the whole retention (their checkpoints were in memory): every earlier scenario must still be exact.
    await expectExact(first, second, ...verified);

    const replayed = cloud.mappings.reduce((sum, mapping) => sum + mapping.stats().totals.recordsRead, 0);
    expect(replayed).toBeGreaterThan(recordsBefore);
    expect(faults().proxy.injected('refused')).toBeGreaterThan(0);
  }, 150_000);
});

const POISON_KINDS = [
  { reason: 'invalid-utf8', data: () => Buffer.from([0xc3, 0x28, 0xff, 0xfe]) },
  { reason: 'invalid-json', data: () => Buffer.from('{"poison": tru') },
  { reason: 'schema-validation', data: () => Buffer.from(JSON.stringify({ schemaVersion: 99, poison: true })) },
] as const;

function isPoison(base64: string): boolean {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  return text.includes('poison') || text.includes('\ufffd');
}

/**
 * Writes straight to Kinesis (a producer bypassing the API), each good record right after a poison record with
 * the same partition key, so any two consecutive records of a shard include a poison one. Resolves with the
 * poison records' positions ("<shardId>:<sequenceNumber>") and expected dead-letter reasons.
 */
async function putWithPoison(streamName: string, workload: Workload<object>): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  const receivedAt = new Date().toISOString();
  const entries: Array<{ entry: PutRecordsRequestEntry; reason?: string }> = workload.events.flatMap((event, index) => {
    const kind = POISON_KINDS[index % POISON_KINDS.length]!;
    const partitionKey = workload.keyOf(event);
    return [
      { entry: { PartitionKey: partitionKey, Data: kind.data() }, reason: kind.reason },
      { entry: { PartitionKey: partitionKey, Data: Buffer.from(JSON.stringify({ ...event, receivedAt })) } },
    ];
  });
  for (let offset = 0; offset < entries.length; offset += 500) {
    const chunk = entries.slice(offset, offset + 500);
    const result = await clients.kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: chunk.map(({ entry }) => entry) }));
    if (result.FailedRecordCount !== 0) throw new Error(`PutRecords failed ${result.FailedRecordCount} records on a fault-free path`);
    chunk.forEach(({ reason }, index) => {
      const written = result.Records?.[index];
      if (reason !== undefined && written?.SequenceNumber !== undefined) expected.set(`${written.ShardId}:${written.SequenceNumber}`, reason);
    });
  }
  return expected;
}
