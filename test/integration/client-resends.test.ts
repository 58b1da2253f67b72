// Client resends end to end on the local cloud: the same event, reading and transaction posted again in a second
// request (a client whose first call timed out) become new Kinesis records, yet every aggregate counts them once.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import type { ClickEvent } from '../../shared/events/clickstream';
import { coffeeTransaction, coldStorageReading, minutesAgo } from './fixtures';
import { useLocalCloud } from './local-cloud-fixture';

const cloud = useLocalCloud();

/** Posts `body` as one request and expects the API to accept it, as it did the first time. */
async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${cloud().apiUrl}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': cloud().apiKeys[0]?.value ?? '' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

/** The first request, then the same body again in a second request, each consumed before the next. */
async function postTwice(path: string, first: unknown, again: unknown): Promise<void> {
  await post(path, first);
  await cloud().drainStreams();
  await post(path, again);
  await cloud().drainStreams();
}

async function dynamoItem(logicalId: string, key: Record<string, string>): Promise<Record<string, unknown>> {
  const { Item } = await createDynamoDbDocumentClient().send(
    new GetCommand({ TableName: cloud().physicalId(logicalId), Key: key, ConsistentRead: true }),
  );
  expect(Item).toBeDefined();
  return Item as Record<string, unknown>;
}

function clickEvent(sessionId: string, minutes: number, overrides: Partial<ClickEvent> = {}): ClickEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    eventType: 'page_view',
    occurredAt: minutesAgo(minutes),
    sessionId,
    anonymousId: `anon-${sessionId}`,
    page: { url: 'https://shop.example.com/checkout', path: '/checkout' },
    device: { type: 'desktop' },
    ...overrides,
  };
}

describe('client resends (same id, new Kinesis record) are counted once', () => {
  test('a click event sent twice counts once in its session: events, page views and revenue', async () => {
    const sessionId = `resend-${randomUUID()}`;
    const view = clickEvent(sessionId, 3);
    const purchase = clickEvent(sessionId, 2, { eventType: 'purchase', properties: { revenue: 25 } });

    await postTwice('clickstream/events', { events: [view, purchase] }, { events: [purchase] });

    const session = await dynamoItem('SessionsTable', { sessionId });
    expect(session).toMatchObject({ eventCount: 2, pageViews: 1, revenue: 25 });
  });

  test('a reading sent twice counts once, also when it is no longer the latest (not a late reading)', async () => {
    const deviceId = `resend-${randomUUID().slice(0, 8)}`;
    const older = coldStorageReading(deviceId, 1, minutesAgo(2), 4.1);
    const latest = coldStorageReading(deviceId, 2, minutesAgo(1), 4.2);

    await postTwice('iot/telemetry', { readings: [older, latest] }, { readings: [older] });

    const device = await dynamoItem('DevicesTable', { deviceId });
    expect(device.counters).toEqual({ readings: 2, lateReadings: 0 });
    expect(device.latestReading).toMatchObject({ readingId: latest.readingId });
  });

  test('a transaction sent twice updates the card profile once', async () => {
    const cardId = `card_${randomUUID().slice(0, 12)}`;
    const coffee = coffeeTransaction(cardId, minutesAgo(1));

    await postTwice('payments/transactions', { transactions: [coffee] }, { transactions: [coffee] });

    const profile = await dynamoItem('CardProfilesTable', { cardId });
    expect(profile).toMatchObject({ transactionCount: 1, amountStatsByCurrency: { EUR: { count: 1 } } });
  });
});
