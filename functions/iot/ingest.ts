// Lambda behind POST /iot/telemetry (API key and throttling are enforced by API Gateway before this runs).
import { createKinesisClient } from '../../shared/aws/clients';
import { iotIngestRequestSchema } from '../../shared/events/iot';
import { toIotRecords } from '../../shared/iot/ingest-records';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { createIngestHandler } from '../../shared/lambda/http-ingest';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';

const config = readConfig({ STREAM_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createIngestHandler({
    requestSchema: iotIngestRequestSchema,
    toRecords: toIotRecords,
    streamName: config.STREAM_NAME,
    kinesis: createKinesisClient(),
    logger,
    metrics: powertoolsMetrics,
  }),
);
