// Lambda behind POST /clickstream/events (API key and throttling are enforced by API Gateway before this runs).
import { createKinesisClient } from '../../shared/aws/clients';
import { toClickstreamRecords } from '../../shared/clickstream/ingest-records';
import { clickstreamIngestRequestSchema } from '../../shared/events/clickstream';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { createIngestHandler } from '../../shared/lambda/http-ingest';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';

const config = readConfig({ STREAM_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createIngestHandler({
    requestSchema: clickstreamIngestRequestSchema,
    toRecords: toClickstreamRecords,
    streamName: config.STREAM_NAME,
    kinesis: createKinesisClient(),
    logger,
    metrics: powertoolsMetrics,
  }),
);
