// Lambda behind POST /cameras/{id}/motion: motion events onto CameraEventsStream, partitioned by camera id.
import { createKinesisClient } from '../../shared/aws/clients';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';
import { createMotionIngestHandler } from '../../shared/video/camera-api';

const config = readConfig({ STREAM_NAME: requiredEnv() });

export const handler = withLambdaContextLogging(
  createMotionIngestHandler({ streamName: config.STREAM_NAME, kinesis: createKinesisClient(), logger, metrics: powertoolsMetrics }),
);
