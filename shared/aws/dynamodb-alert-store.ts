// AlertStore on DynamoDB (partition key entityId, sort key alertId): write-once alerts, listed newest first, per entity or per domain.
import { PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Alert, AlertStore } from '../alerts/alert';
import { toAlertItem, type DomainAlertList } from '../alerts/alert-domain';
import { mapWithConcurrency } from '../batching/concurrency';
import { classifyAwsError } from './aws-errors';

export interface DynamoDbAlertStoreOptions {
  tableName: string;
  /** Conditional puts in flight at once. */
  concurrency?: number;
}

/** The GSI (hash `domain`, range `detectedAt`) that lists a domain's alerts across entities. */
export const ALERTS_BY_DOMAIN_INDEX = 'byDomain';

/** Checks items read back from the table; `satisfies` keeps it in step with the Alert type. */
const alertItemSchema = z.object({
  entityId: z.string(),
  alertId: z.string(),
  rule: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  reasons: z.array(z.string()),
  score: z.number().optional(),
  occurredAt: z.string(),
  detectedAt: z.string(),
  status: z.enum(['open', 'closed']),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  expiresAt: z.number(),
}) satisfies z.ZodType<Alert>;

type RaiseResult = { alert: Alert; written: boolean } | { alert: Alert; error: unknown };

const isDuplicate = (error: unknown): boolean => classifyAwsError(error).errorCode === 'ConditionalCheckFailedException';

/**
 * `raise` puts each alert with `attribute_not_exists(alertId)`: the first write of a key wins and later ones
 * (a redelivered record, a re-run scan) fail the condition, which means "already raised", not an error. There is
 * no batch API with conditions, hence one PutItem per alert. Every alert is attempted before the first real
 * error is thrown, so a retry finds as much as possible already written.
 *
 * Each item also carries `domain` (derived from the entityId's namespace), the byDomain index's partition key.
 *
 * `listByEntity` returns alerts in descending sort-key order: newest first when alert ids start with their
 * window's ISO start time (as IoT's `<window start>#<rule>#<metric>` do). A status filter is applied after the
 * read, so it pages on until `limit` matching alerts are found or the entity has no more.
 *
 * `listByDomain` reads the byDomain index newest `detectedAt` first. The index is eventually consistent: an alert
 * raised a moment ago may appear on the next read, which a dashboard refreshing every few seconds does not notice.
 */
export function createDynamoDbAlertStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbAlertStoreOptions,
): AlertStore & DomainAlertList {
  const { tableName } = options;
  const concurrency = options.concurrency ?? 10;

  async function put(alert: Alert): Promise<RaiseResult> {
    try {
      await client.send(
        new PutCommand({ TableName: tableName, Item: toAlertItem(alert), ConditionExpression: 'attribute_not_exists(alertId)' }),
      );
      return { alert, written: true };
    } catch (error) {
      return isDuplicate(error) ? { alert, written: false } : { alert, error };
    }
  }

  function queryInput(entityId: string, status: Alert['status'] | undefined): QueryCommandInput {
    return {
      TableName: tableName,
      KeyConditionExpression: '#entityId = :entityId',
      ExpressionAttributeNames: { '#entityId': 'entityId', ...(status === undefined ? {} : { '#status': 'status' }) },
      ExpressionAttributeValues: { ':entityId': entityId, ...(status === undefined ? {} : { ':status': status }) },
      ...(status === undefined ? {} : { FilterExpression: '#status = :status' }),
      ScanIndexForward: false,
    };
  }

  return {
    async raise(alerts) {
      const results = await mapWithConcurrency(alerts, concurrency, put);
      const failed = results.find((result) => 'error' in result);
      if (failed !== undefined && 'error' in failed) throw failed.error;
      return results.flatMap((result) => ('written' in result && result.written ? [result.alert] : []));
    },

    async listByEntity(entityId, { status, limit } = {}) {
      const alerts: Alert[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        // Without a filter, Limit bounds the read exactly; with one it would count unmatched items too.
        const remaining = limit === undefined || status !== undefined ? undefined : limit - alerts.length;
        const response = await client.send(
          new QueryCommand({ ...queryInput(entityId, status), Limit: remaining, ExclusiveStartKey: startKey }),
        );
        alerts.push(...(response.Items ?? []).map((item) => alertItemSchema.parse(item)));
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined && (limit === undefined || alerts.length < limit));
      return limit === undefined ? alerts : alerts.slice(0, limit);
    },

    async listByDomain(domain, { limit }) {
      const alerts: Alert[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const response = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: ALERTS_BY_DOMAIN_INDEX,
            KeyConditionExpression: '#domain = :domain',
            ExpressionAttributeNames: { '#domain': 'domain' },
            ExpressionAttributeValues: { ':domain': domain },
            ScanIndexForward: false,
            Limit: limit - alerts.length,
            ExclusiveStartKey: startKey,
          }),
        );
        alerts.push(...(response.Items ?? []).map((item) => alertItemSchema.parse(item)));
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined && alerts.length < limit);
      return alerts;
    },
  };
}
