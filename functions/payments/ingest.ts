// Lambda behind POST /payments/transactions (API key and throttling are enforced by API Gateway before this runs).
import { createKinesisClient } from '../../shared/aws/clients';
import { paymentsIngestRequestSchema } from '../../shared/events/payments';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { createIngestHandler } from '../../shared/lambda/http-ingest';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';
import { toPaymentRecords } from '../../shared/payments/ingest-records';

const config = readConfig({ STREAM_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createIngestHandler({
    requestSchema: paymentsIngestRequestSchema,
    toRecords: toPaymentRecords,
    streamName: config.STREAM_NAME,
    kinesis: createKinesisClient(),
    logger,
    metrics: powertoolsMetrics,
  }),
);
