// Lambda behind GET /metrics/{metric}: the Flink job's window results for one metric, newest first.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbMetricsStore } from '../../shared/aws/dynamodb-metrics-store';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';
import { createMetricsReadHandler } from '../../shared/metrics/metrics-read-handler';

const config = readConfig({ METRICS_TABLE_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createMetricsReadHandler({
    store: createDynamoDbMetricsStore(createDynamoDbDocumentClient(), { tableName: config.METRICS_TABLE_NAME }),
    logger,
  }),
);
