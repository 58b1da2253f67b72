// Unit tests: the alert-window claim (conditional put) and the notified marker.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Alert } from '../../../../shared/alerts/alert';
import { createDynamoDbVideoAlertStore } from '../../../../shared/aws/dynamodb-video-alert-store';

const dynamo = mockClient(DynamoDBDocumentClient);
const store = createDynamoDbVideoAlertStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: 'alerts' });
const alert: Alert = {
  entityId: 'camera#front-door',
  alertId: '2026-11-02T10:00:00.000Z#label-detected#Person',
  rule: 'label-detected',
  severity: 'high',
  reasons: ['Person seen'],
  occurredAt: '2026-11-02T10:00:01.000Z',
  detectedAt: '2026-11-02T10:00:05.000Z',
  status: 'open',
  details: { eventId: 'motion-1' },
  expiresAt: 1_800_000_000,
};
const awsError = (name: string) => Object.assign(new Error(name), { name, $fault: 'client', $metadata: {} });

beforeEach(() => dynamo.reset());

describe('DynamoDB video alert store', () => {
  it('claims a new window, or its own unnotified claim, with one conditional put', async () => {
    dynamo.on(PutCommand).resolves({});

    await expect(store.claim(alert, 'motion-1')).resolves.toBe(true);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'alerts',
      Item: { ...alert, domain: 'video' },
      ConditionExpression: 'attribute_not_exists(#alertId) OR (#details.#eventId = :eventId AND attribute_not_exists(#notifiedAt))',
      ExpressionAttributeNames: { '#alertId': 'alertId', '#details': 'details', '#eventId': 'eventId', '#notifiedAt': 'notifiedAt' },
      ExpressionAttributeValues: { ':eventId': 'motion-1' },
    });
  });

  it('answers false for a window another event already holds, and throws other errors', async () => {
    dynamo.on(PutCommand).rejectsOnce(awsError('ConditionalCheckFailedException')).rejectsOnce(awsError('ProvisionedThroughputExceededException'));

    await expect(store.claim(alert, 'motion-2')).resolves.toBe(false);
    await expect(store.claim(alert, 'motion-2')).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });

  it('marks the alert notified', async () => {
    dynamo.on(UpdateCommand).resolves({});

    await store.markNotified(alert, '2026-11-02T10:00:06.000Z');

    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { entityId: alert.entityId, alertId: alert.alertId },
      UpdateExpression: 'SET #notifiedAt = :at',
      ExpressionAttributeValues: { ':at': '2026-11-02T10:00:06.000Z' },
    });
  });
});
