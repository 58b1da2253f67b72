// Lambda behind GET /dashboard/streams: per-stream ingest rate, per-shard ingest and consumer lag, from CloudWatch.
import { createKinesisClient } from '../../shared/aws/clients';
import { createCloudWatchClient } from '../../shared/aws/cloudwatch-client';
import { createCloudWatchMetricDataReader } from '../../shared/aws/cloudwatch-metric-data';
import { createKinesisShardLister } from '../../shared/aws/kinesis-shard-list';
import { dashboardStreamsFromEnv } from '../../shared/dashboard/dashboard-streams';
import { createQueryReadHandler } from '../../shared/dashboard/query-read-handler';
import { parseStreamsQuery } from '../../shared/dashboard/stream-metrics-query';
import { createStreamMetricsReader } from '../../shared/dashboard/stream-metrics-view';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';

export const handler = withLambdaContextLogging(
  createQueryReadHandler({
    parse: parseStreamsQuery,
    read: createStreamMetricsReader({
      streams: dashboardStreamsFromEnv(),
      shards: createKinesisShardLister(createKinesisClient()),
      metrics: createCloudWatchMetricDataReader(createCloudWatchClient()),
    }),
    resource: 'streams',
    logger,
  }),
);
