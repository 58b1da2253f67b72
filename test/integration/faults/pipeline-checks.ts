// Fault-test plumbing: a producer that resends what the API reports failed, clients that bypass the fault proxy, and
// comparisons of DynamoDB aggregates, the Firehose archive and the dead-letter queues with the ground truth.
import { gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keepAliveHttpHandler } from '../../../shared/aws/clients';
import type { ClickEvent } from '../../../shared/events/clickstream';
import type { Reading } from '../../../shared/events/iot';
import type { Transaction } from '../../../shared/events/payments';
import type { LocalCloud } from '../../../scripts/local/cloud';
import { expectedCard, expectedDevice, expectedSession, groupBy, type Workload } from './workloads';

export interface DirectClients {
  dynamoDb: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  kinesis: KinesisClient;
}

/** Clients straight to the emulators: checking the result must not itself be throttled. */
export function directClients(cloud: LocalCloud): DirectClients {
  const env = cloud.faults?.directEnv ?? cloud.sdkEnv;
  const common = {
    region: cloud.region,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    requestHandler: keepAliveHttpHandler(),
  };
  return {
    dynamoDb: DynamoDBDocumentClient.from(new DynamoDBClient({ ...common, endpoint: env.AWS_ENDPOINT_URL })),
    s3: new S3Client({ ...common, endpoint: env.AWS_ENDPOINT_URL, forcePathStyle: true }),
    sqs: new SQSClient({ ...common, endpoint: env.AWS_ENDPOINT_URL }),
    kinesis: new KinesisClient({ ...common, endpoint: env.AWS_ENDPOINT_URL_KINESIS }),
  };
}

export interface ProducerReport {
  requests: number;
  /** Events the API answered as failed (503 + failedEventIds) and that were sent again. */
  resent: number;
}

/**
 * Posts the events in requests of `perRequest`, like a well-behaved client: a 503 lists the ids Kinesis did not
 * take, and only those are sent again; a 429 (usage plan) is retried whole, since API Gateway wrote nothing.
 * Any other answer fails the test: resending after it could duplicate events and hide real loss.
 */
export async function postWorkload<E>(cloud: LocalCloud, workload: Workload<E>, perRequest = 25): Promise<ProducerReport> {
  const report: ProducerReport = { requests: 0, resent: 0 };
  for (let offset = 0; offset < workload.events.length; offset += perRequest) {
    let pending = workload.events.slice(offset, offset + perRequest);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 20) throw new Error(`${workload.path}: events still failing after 20 attempts`);
      report.requests++;
      const response = await fetch(`${cloud.apiUrl}/${workload.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': cloud.apiKeys[0]?.value ?? '' },
        body: JSON.stringify({ [workload.field]: pending }),
      });
      const body = (await response.json()) as { failedEventIds?: string[] };
      if (response.status === 202) break;
      if (response.status === 429) {
        await sleep(200);
        continue;
      }
      if (response.status !== 503 || body.failedEventIds === undefined) {
        throw new Error(`${workload.path} answered ${response.status}: ${JSON.stringify(body)}`);
      }
      const failed = new Set(body.failedEventIds);
      pending = pending.filter((event) => failed.has(workload.idOf(event)));
      report.resent += pending.length;
      await sleep(100);
    }
  }
  return report;
}

async function item(clients: DirectClients, table: string, key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  const { Item } = await clients.dynamoDb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item;
}

async function alertIds(clients: DirectClients, cloud: LocalCloud, entityId: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamoDb.send(
      new QueryCommand({
        TableName: cloud.physicalId('AlertsTable'),
        KeyConditionExpression: 'entityId = :entityId',
        ExpressionAttributeValues: { ':entityId': entityId },
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...(page.Items ?? []).map((alert) => String(alert.alertId)));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return ids;
}

const cents = (amount: unknown): number => Math.round(Number(amount) * 100);

/** Every difference between the sessions table and the ground truth, as readable lines (empty = exact). */
export async function sessionMismatches(cloud: LocalCloud, clients: DirectClients, events: readonly ClickEvent[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [sessionId, group] of groupBy(events, (event) => event.sessionId)) {
    const stored = await item(clients, cloud.physicalId('SessionsTable'), { sessionId });
    const expected = expectedSession(group);
    const actual = {
      eventCount: stored?.eventCount,
      pageViews: stored?.pageViews,
      revenueCents: cents(stored?.revenue ?? 0),
      firstSeenAt: stored?.firstSeenAt,
      lastSeenAt: stored?.lastSeenAt,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`session ${sessionId}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return mismatches;
}

export async function deviceMismatches(cloud: LocalCloud, clients: DirectClients, readings: readonly Reading[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [deviceId, group] of groupBy(readings, (reading) => reading.deviceId)) {
    const stored = await item(clients, cloud.physicalId('DevicesTable'), { deviceId });
    const expected = expectedDevice(group);
    const storedAlerts = await alertIds(clients, cloud, `device#${deviceId}`);
    const actual = {
      readings: (stored?.counters as { readings?: number } | undefined)?.readings,
      latestReadingId: (stored?.latestReading as { readingId?: string } | undefined)?.readingId,
      breachAlertIds: storedAlerts.filter((id) => id.includes('#above-max#temperature')).sort(),
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`device ${deviceId}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return mismatches;
}

export async function cardMismatches(cloud: LocalCloud, clients: DirectClients, transactions: readonly Transaction[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [cardId, group] of groupBy(transactions, (transaction) => transaction.cardId)) {
    const stored = await item(clients, cloud.physicalId('CardProfilesTable'), { cardId });
    const expected = expectedCard(group);
    const stats = (stored?.amountStatsByCurrency as Record<string, { count: number; mean: number }> | undefined)?.EUR;
    const actual = { transactionCount: stored?.transactionCount, statsCount: stats?.count, amountCents: Math.round((stats?.mean ?? 0) * (stats?.count ?? 0) * 100) };
    const wanted = { transactionCount: expected.transactionCount, statsCount: expected.transactionCount, amountCents: expected.amountCents };
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) mismatches.push(`card ${cardId}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`);
    // Alerts are keyed by transaction: one per transaction at most, and none for a transaction that was never sent.
    const phantom = (await alertIds(clients, cloud, `card#${cardId}`)).filter((id) => !expected.alertIds.has(id));
    if (phantom.length > 0) mismatches.push(`card ${cardId}: alerts for unknown transactions ${phantom.join(', ')}`);
  }
  return mismatches;
}

/** The value of `idField` of every line of every GZIP JSON-lines object under the prefix (duplicates kept). */
export async function archivedIds(cloud: LocalCloud, clients: DirectClients, prefix: string, idField: string): Promise<string[]> {
  await cloud.firehose.flush();
  const bucket = cloud.physicalId('DataLakeBucket');
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of listed.Contents ?? []) {
      const body = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
      const text = gunzipSync(await body.Body!.transformToByteArray()).toString('utf8');
      for (const line of text.split('\n').filter(Boolean)) ids.push(String((JSON.parse(line) as Record<string, unknown>)[idField]));
    }
    token = listed.NextContinuationToken;
  } while (token !== undefined);
  return ids;
}

/** The ids of `expected` missing from `archived`: at-least-once delivery allows duplicates, never gaps. */
export function missingFromArchive(expected: readonly string[], archived: readonly string[]): string[] {
  const present = new Set(archived);
  return expected.filter((id) => !present.has(id));
}

/** Reads and deletes every message of a queue. */
export async function drainQueue(clients: DirectClients, queueUrl: string): Promise<Record<string, unknown>[]> {
  const messages: Record<string, unknown>[] = [];
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return messages;
    messages.push(...Messages.map((message) => JSON.parse(message.Body ?? '{}') as Record<string, unknown>));
    await clients.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
  }
}
