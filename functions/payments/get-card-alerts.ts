// Lambda behind GET /payments/cards/{id}/alerts: the card's alerts, newest first (an empty list for a card without any).
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbAlertStore } from '../../shared/aws/dynamodb-alert-store';
import { cardToken } from '../../shared/events/payments';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { createReadHandler } from '../../shared/lambda/http-read';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';
import { createCardAlertsReader } from '../../shared/payments/card-alerts-view';

const config = readConfig({ ALERTS_TABLE_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createReadHandler({
    read: createCardAlertsReader(createDynamoDbAlertStore(createDynamoDbDocumentClient(), { tableName: config.ALERTS_TABLE_NAME })),
    resource: 'card',
    idSchema: cardToken,
    logger,
  }),
);
