// Lambda behind GET /alerts?domain=…: a domain's newest alerts across all its entities, with their reasons.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbAlertStore } from '../../shared/aws/dynamodb-alert-store';
import { createDomainAlertsReader } from '../../shared/dashboard/alert-list';
import { parseAlertListQuery } from '../../shared/dashboard/list-queries';
import { createQueryReadHandler } from '../../shared/dashboard/query-read-handler';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';

const config = readConfig({ ALERTS_TABLE_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createQueryReadHandler({
    parse: parseAlertListQuery,
    read: createDomainAlertsReader(createDynamoDbAlertStore(createDynamoDbDocumentClient(), { tableName: config.ALERTS_TABLE_NAME })),
    resource: 'alerts',
    logger,
  }),
);
