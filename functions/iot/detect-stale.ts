// Scheduled Lambda (EventBridge, every few minutes): raises a `stale` alert for each device silent past its heartbeat rule.
import type { ScheduledEvent } from 'aws-lambda';
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbAlertStore } from '../../shared/aws/dynamodb-alert-store';
import { createDynamoDbDeviceStore } from '../../shared/aws/dynamodb-device-store';
import { deviceRules } from '../../shared/iot/device-rules';
import { createStaleDeviceScan, type StaleDeviceScanSummary } from '../../shared/iot/stale-device-scan';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';

const config = readConfig({
  DEVICES_TABLE_NAME: requiredEnv(),
  ALERTS_TABLE_NAME: requiredEnv(),
  ALERT_TTL_DAYS: positiveIntegerEnv(),
});
const dynamoDb = createDynamoDbDocumentClient();
const scanForStaleDevices = createStaleDeviceScan({
  devices: createDynamoDbDeviceStore(dynamoDb, { tableName: config.DEVICES_TABLE_NAME }),
  alerts: createDynamoDbAlertStore(dynamoDb, { tableName: config.ALERTS_TABLE_NAME }),
  rules: deviceRules,
  alertTtlDays: config.ALERT_TTL_DAYS,
});

/** The schedule's own time (the clock for a manual invoke without one), so a retried invocation decides the same. */
const scanTime = (event: Partial<ScheduledEvent>): Date =>
  typeof event.time === 'string' && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time) : new Date();

/** Throws on a failed read or write, so the asynchronous invocation is retried; the alert keys make that safe. */
export const handler = withLambdaContextLogging(async (event: Partial<ScheduledEvent>): Promise<StaleDeviceScanSummary> => {
  const summary = await scanForStaleDevices(scanTime(event));
  logger.info('Stale device scan finished', { ...summary });
  return summary;
});
