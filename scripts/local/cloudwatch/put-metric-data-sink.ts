// PutMetricData into moto CloudWatch, and the clients the CloudWatch stand-in builds from the local cloud's SDK environment.
import { PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { keepAliveHttpHandler } from '../../../shared/aws/clients';
import { createCloudWatchClient } from '../../../shared/aws/cloudwatch-client';
import { chunkByCount } from '../../../shared/batching/chunk';
import type { BucketedDatum } from './metric-buckets';

/** Where datapoints go: moto's PutMetricData in the local cloud, an array in unit tests. */
export interface MetricSink {
  put(namespace: string, data: readonly BucketedDatum[]): Promise<void>;
}

const credentialsOf = (sdkEnv: Record<string, string>) => ({
  accessKeyId: sdkEnv.AWS_ACCESS_KEY_ID ?? 'local',
  secretAccessKey: sdkEnv.AWS_SECRET_ACCESS_KEY ?? 'local',
});

/** Built from `sdkEnv` rather than process.env, so the stand-in reaches the same emulators whoever started it. */
export const createLocalKinesisClient = (sdkEnv: Record<string, string>, region: string): KinesisClient =>
  new KinesisClient({
    region,
    endpoint: sdkEnv.AWS_ENDPOINT_URL_KINESIS ?? sdkEnv.AWS_ENDPOINT_URL,
    credentials: credentialsOf(sdkEnv),
    requestHandler: keepAliveHttpHandler(),
  });

/** PutMetricData takes at most 1,000 datapoints per request. */
const PUT_METRIC_DATA_MAX_DATUMS = 1000;

/**
 * The SDK gzips PutMetricData bodies over 10 KB, which moto cannot read: compression is off for this client (the
 * same effect as AWS_DISABLE_REQUEST_COMPRESSION=true, without changing the environment of anything else).
 */
export function createPutMetricDataSink(sdkEnv: Record<string, string>, region: string): MetricSink {
  const client = createCloudWatchClient({
    region,
    endpoint: sdkEnv.AWS_ENDPOINT_URL_CLOUDWATCH ?? sdkEnv.AWS_ENDPOINT_URL,
    credentials: credentialsOf(sdkEnv),
    disableRequestCompression: true,
  });
  return {
    async put(namespace, data) {
      for (const chunk of chunkByCount(data, PUT_METRIC_DATA_MAX_DATUMS)) {
        await client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: chunk.map(toMetricDatum) }));
      }
    },
  };
}

function toMetricDatum(datum: BucketedDatum): MetricDatum {
  const base = {
    MetricName: datum.metricName,
    Dimensions: Object.entries(datum.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Timestamp: datum.timestamp,
    Unit: datum.unit,
  };
  if ('value' in datum) return { ...base, Value: datum.value };
  const { sampleCount, sum, minimum, maximum } = datum.statistics;
  return { ...base, StatisticValues: { SampleCount: sampleCount, Sum: sum, Minimum: minimum, Maximum: maximum } };
}
