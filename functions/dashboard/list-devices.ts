// Lambda behind GET /iot/devices: the most recently seen devices' states, newest first.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbDeviceScan } from '../../shared/aws/dynamodb-device-list';
import { createDeviceListReader } from '../../shared/dashboard/device-list';
import { parseDeviceListQuery } from '../../shared/dashboard/list-queries';
import { createQueryReadHandler } from '../../shared/dashboard/query-read-handler';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';

const config = readConfig({ DEVICES_TABLE_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createQueryReadHandler({
    parse: parseDeviceListQuery,
    read: createDeviceListReader(createDynamoDbDeviceScan(createDynamoDbDocumentClient(), { tableName: config.DEVICES_TABLE_NAME })),
    resource: 'devices',
    logger,
  }),
);
