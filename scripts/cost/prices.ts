// The AWS list prices the cost estimator uses (us-east-1, USD), each with its source page, date and how well it was confirmed.

/**
 * How a price was checked when the table was written:
 * - `secondary`: the number was found quoted from the AWS page (a transcription of it, or a cost guide citing it);
 * - `unconfirmed`: from the AWS page as remembered, not found in any source available while writing; check it.
 */
export type PriceConfidence = 'secondary' | 'unconfirmed';

export interface Price {
  /** USD per `unit`. */
  usd: number;
  unit: string;
  source: string;
  asOf: string;
  confidence: PriceConfidence;
  note?: string;
}

/** A price that falls with volume: `usd` applies to usage up to `upTo` units per month (the last tier has none). */
export interface PriceTier {
  upTo?: number;
  usd: number;
}

export interface TieredPrice extends Omit<Price, 'usd'> {
  tiers: PriceTier[];
}

export interface PriceTable {
  region: string;
  kinesisOnDemandStreamHour: Price;
  kinesisOnDemandIngestGb: Price;
  kinesisOnDemandRetrievalGb: Price;
  kinesisShardHour: Price;
  kinesisPutPayloadUnitsMillion: Price;
  apiGatewayRestRequestsMillion: Price;
  lambdaRequestsMillion: Price;
  lambdaArmGbSecond: Price;
  dynamoDbWriteRequestUnitsMillion: Price;
  dynamoDbReadRequestUnitsMillion: Price;
  firehoseIngestGb: Price;
  firehoseDynamicPartitioningGb: Price;
  firehoseDynamicPartitioningObjectsThousand: Price;
  s3StandardGbMonth: Price;
  s3PutRequestsThousand: Price;
  athenaScannedTb: Price;
  flinkKpuHour: Price;
  flinkRunningStorageGbMonth: Price;
  kinesisVideoIngestGb: Price;
  kinesisVideoStorageGbMonth: Price;
  kinesisVideoImagesThousand: Price;
  rekognitionGroup1Images: TieredPrice;
  rekognitionGroup2Images: TieredPrice;
  cloudWatchLogsIngestGb: Price;
  cloudWatchAlarmMonth: Price;
  cloudWatchMetricMonth: Price;
  kmsKeyMonth: Price;
}

const AS_OF = '2026-11-26';
const KINESIS_PAGE = 'https://aws.amazon.com/kinesis/data-streams/pricing/';
const FIREHOSE_PAGE = 'https://aws.amazon.com/firehose/pricing/';
const LAMBDA_PAGE = 'https://aws.amazon.com/lambda/pricing/';
const DYNAMODB_PAGE = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const S3_PAGE = 'https://aws.amazon.com/s3/pricing/';
const FLINK_PAGE = 'https://aws.amazon.com/managed-service-apache-flink/pricing/';
const KVS_PAGE = 'https://aws.amazon.com/kinesis/video-streams/pricing/';
const REKOGNITION_PAGE = 'https://aws.amazon.com/rekognition/pricing/';
const CLOUDWATCH_PAGE = 'https://aws.amazon.com/cloudwatch/pricing/';

/** Rekognition Image bills each API call on one image as one image, tiered by images per month. */
const REKOGNITION_TIERS: PriceTier[] = [
  { upTo: 1_000_000, usd: 0.001 },
  { upTo: 5_000_000, usd: 0.0008 },
  { upTo: 35_000_000, usd: 0.0006 },
  { usd: 0.00025 },
];

export const US_EAST_1_PRICES: PriceTable = {
  region: 'us-east-1',
  kinesisOnDemandStreamHour: {
    usd: 0.04, unit: 'stream-hour', source: KINESIS_PAGE, asOf: AS_OF, confidence: 'unconfirmed',
    note: 'On-demand Standard; the page renders its numbers dynamically, none was found in stored copies',
  },
  kinesisOnDemandIngestGb: {
    usd: 0.08, unit: 'GB written', source: KINESIS_PAGE, asOf: AS_OF, confidence: 'unconfirmed',
    note: 'each record rounded up to 1 KB (confirmed on the page)',
  },
  kinesisOnDemandRetrievalGb: { usd: 0.04, unit: 'GB read', source: KINESIS_PAGE, asOf: AS_OF, confidence: 'unconfirmed' },
  kinesisShardHour: { usd: 0.015, unit: 'shard-hour', source: KINESIS_PAGE, asOf: AS_OF, confidence: 'secondary' },
  kinesisPutPayloadUnitsMillion: {
    usd: 0.014, unit: 'million PUT payload units (25 KB each)', source: KINESIS_PAGE, asOf: AS_OF, confidence: 'secondary',
  },
  apiGatewayRestRequestsMillion: {
    usd: 3.5, unit: 'million REST API requests (first 333 million)', source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: AS_OF, confidence: 'unconfirmed',
  },
  lambdaRequestsMillion: { usd: 0.2, unit: 'million requests', source: LAMBDA_PAGE, asOf: AS_OF, confidence: 'secondary' },
  lambdaArmGbSecond: {
    usd: 0.0000133334, unit: 'GB-second (arm64, first 7.5 billion)', source: LAMBDA_PAGE, asOf: AS_OF, confidence: 'secondary',
  },
  dynamoDbWriteRequestUnitsMillion: {
    usd: 0.625, unit: 'million write request units', source: DYNAMODB_PAGE, asOf: AS_OF, confidence: 'secondary',
    note: 'after the November 2024 price cut',
  },
  dynamoDbReadRequestUnitsMillion: {
    usd: 0.125, unit: 'million read request units', source: DYNAMODB_PAGE, asOf: AS_OF, confidence: 'secondary',
  },
  firehoseIngestGb: {
    usd: 0.029, unit: 'GB ingested (first 500 TB, records rounded up to 5 KB)', source: FIREHOSE_PAGE, asOf: AS_OF,
    confidence: 'secondary',
  },
  firehoseDynamicPartitioningGb: {
    usd: 0.02, unit: 'GB delivered with dynamic partitioning', source: FIREHOSE_PAGE, asOf: AS_OF, confidence: 'secondary',
    note: 'JQ processing ($0.07 per JQ-hour) is not estimated',
  },
  firehoseDynamicPartitioningObjectsThousand: {
    usd: 0.005, unit: 'thousand S3 objects delivered', source: FIREHOSE_PAGE, asOf: AS_OF, confidence: 'secondary',
  },
  s3StandardGbMonth: { usd: 0.023, unit: 'GB-month (first 50 TB)', source: S3_PAGE, asOf: AS_OF, confidence: 'unconfirmed' },
  s3PutRequestsThousand: { usd: 0.005, unit: 'thousand PUT requests', source: S3_PAGE, asOf: AS_OF, confidence: 'unconfirmed' },
  athenaScannedTb: {
    usd: 5, unit: 'TB scanned (10 MB minimum per query)', source: 'https://aws.amazon.com/athena/pricing/', asOf: AS_OF,
    confidence: 'unconfirmed',
  },
  flinkKpuHour: {
    usd: 0.11, unit: 'KPU-hour (1 vCPU, 4 GB)', source: FLINK_PAGE, asOf: AS_OF, confidence: 'secondary',
    note: 'plus one orchestration KPU per application',
  },
  flinkRunningStorageGbMonth: {
    usd: 0.1, unit: 'GB-month of running application storage (50 GB per KPU)', source: FLINK_PAGE, asOf: AS_OF,
    confidence: 'secondary',
  },
  kinesisVideoIngestGb: { usd: 0.0085, unit: 'GB ingested', source: KVS_PAGE, asOf: AS_OF, confidence: 'secondary' },
  kinesisVideoStorageGbMonth: { usd: 0.023, unit: 'GB-month stored', source: KVS_PAGE, asOf: AS_OF, confidence: 'secondary' },
  kinesisVideoImagesThousand: {
    usd: 0.0015, unit: 'thousand images (GetImages)', source: KVS_PAGE, asOf: AS_OF, confidence: 'unconfirmed',
    note: 'no source found for the per-image price; check the page before relying on video totals',
  },
  rekognitionGroup1Images: {
    tiers: REKOGNITION_TIERS, unit: 'image (SearchFacesByImage, IndexFaces …)', source: REKOGNITION_PAGE, asOf: AS_OF,
    confidence: 'unconfirmed',
  },
  rekognitionGroup2Images: {
    tiers: REKOGNITION_TIERS, unit: 'image (DetectLabels, DetectFaces …)', source: REKOGNITION_PAGE, asOf: AS_OF,
    confidence: 'unconfirmed', note: 'first tier ($1.00 per 1,000 images) quoted by several guides',
  },
  cloudWatchLogsIngestGb: {
    usd: 0.5, unit: 'GB ingested (standard class)', source: CLOUDWATCH_PAGE, asOf: AS_OF,
    confidence: 'unconfirmed',
  },
  cloudWatchAlarmMonth: {
    usd: 0.1, unit: 'standard-resolution alarm-month (one metric)', source: CLOUDWATCH_PAGE, asOf: AS_OF, confidence: 'unconfirmed',
  },
  cloudWatchMetricMonth: {
    usd: 0.3, unit: 'metric-month (first 10,000; shard-level metrics bill as these)', source: CLOUDWATCH_PAGE, asOf: AS_OF,
    confidence: 'unconfirmed',
  },
  kmsKeyMonth: {
    usd: 1, unit: 'customer managed key-month (requests within the free tier here)', source: 'https://aws.amazon.com/kms/pricing/', asOf: AS_OF,
    confidence: 'unconfirmed',
  },
};

/** The price table for a region; only us-east-1 is tabulated (other regions differ by a few percent to tens of percent). */
export function pricesFor(region: string): PriceTable {
  if (region !== US_EAST_1_PRICES.region) {
    throw new Error(`No price table for ${region}; only ${US_EAST_1_PRICES.region} is tabulated (scripts/cost/prices.ts)`);
  }
  return US_EAST_1_PRICES;
}
