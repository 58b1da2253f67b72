// VideoAlertStore on the shared AlertsTable: one alert per camera, label and window, claimed with a conditional put.
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../alerts/alert';
import { toAlertItem } from '../alerts/alert-domain';
import type { VideoAlertStore } from '../video/ports';
import { classifyAwsError } from './aws-errors';

/**
 * The alert item is the de-duplication record: key (entityId = camera#<id>, alertId = <window start>#<rule>#<label>),
 * with the table's TTL attribute `expiresAt`. The put succeeds when the key is new, or when the existing item is
 * this same event's claim that never got `notifiedAt` (it was written, then the SNS publish failed and the record
 * was redelivered). Any other existing item means another event already raised the alert for that window.
 * TTL deletes lazily, so an expired-but-present item still suppresses: that only errs towards fewer alerts within
 * the window's own TTL, which is days longer than the window.
 */
export function createDynamoDbVideoAlertStore(client: DynamoDBDocumentClient, options: { tableName: string }): VideoAlertStore {
  const { tableName } = options;
  return {
    async claim(alert, eventId) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toAlertItem(alert),
            ConditionExpression: 'attribute_not_exists(#alertId) OR (#details.#eventId = :eventId AND attribute_not_exists(#notifiedAt))',
            ExpressionAttributeNames: { '#alertId': 'alertId', '#details': 'details', '#eventId': 'eventId', '#notifiedAt': 'notifiedAt' },
            ExpressionAttributeValues: { ':eventId': eventId },
          }),
        );
        return true;
      } catch (error) {
        if (classifyAwsError(error).errorCode === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async markNotified(alert: Alert, at: string) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { entityId: alert.entityId, alertId: alert.alertId },
          UpdateExpression: 'SET #notifiedAt = :at',
          ConditionExpression: 'attribute_exists(#alertId)',
          ExpressionAttributeNames: { '#notifiedAt': 'notifiedAt', '#alertId': 'alertId' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },
  };
}
