// Lambda behind GET /iot/devices/{id}: the device's latest state and open alerts, or 404 for a device never seen.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbAlertStore } from '../../shared/aws/dynamodb-alert-store';
import { createDynamoDbDeviceStore } from '../../shared/aws/dynamodb-device-store';
import { createDeviceViewReader } from '../../shared/iot/device-view';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { createReadHandler } from '../../shared/lambda/http-read';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';

const config = readConfig({ DEVICES_TABLE_NAME: requiredEnv(), ALERTS_TABLE_NAME: requiredEnv() });
const dynamoDb = createDynamoDbDocumentClient();

export const handler = withLambdaContextLogging(
  createReadHandler({
    read: createDeviceViewReader({
      devices: createDynamoDbDeviceStore(dynamoDb, { tableName: config.DEVICES_TABLE_NAME }),
      alerts: createDynamoDbAlertStore(dynamoDb, { tableName: config.ALERTS_TABLE_NAME }),
    }),
    resource: 'device',
    logger,
  }),
);
