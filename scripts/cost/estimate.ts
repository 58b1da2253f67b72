// Monthly AWS cost of the reference app for a given event rate: usage per service from the deployment settings and stated assumptions, priced with prices.ts.
import {
  athenaBilledBytes,
  consumerInvocationsPerSecond,
  dynamoDbReadUnits,
  dynamoDbWriteUnits,
  firehoseBilledBytes,
  GiB,
  HOURS_PER_MONTH,
  kinesisBilledBytes,
  lambdaGbSeconds,
  provisionedShards,
  putPayloadUnits,
  SECONDS_PER_MONTH,
  TiB,
  tieredCost,
} from './billing-units';
import type { Price, PriceTable } from './prices';

export const STREAM_MODULES = ['clickstream', 'iot', 'payments'] as const;
export const HOURLY_MODULES = ['flink', 'video'] as const;
export type StreamModule = (typeof STREAM_MODULES)[number];
export type CostModule = StreamModule | (typeof HOURLY_MODULES)[number];

/** What serverless.yml decides (read from it by deployment-settings.ts). */
export interface DeploymentSettings {
  ingestMemoryMb: number;
  consumerMemoryMb: number;
  consumerBatchSize: number;
  consumerBatchWindowSeconds: number;
  streamMode: 'ON_DEMAND' | 'PROVISIONED';
  /** Firehose buffering: objects are written at least this often per open partition. */
  archiveBufferSeconds: number;
  archiveBufferMb: number;
  /** CloudWatch alarms the stack always creates, and those it adds with the Flink application. */
  alarms: { always: number; withFlink: number };
  /** Enhanced shard-level monitoring: one CloudWatch metric per shard of each stream. */
  shardLevelMetrics: boolean;
  /** Kinesis data streams the stack creates (the domain streams and the camera-events stream). */
  streams: number;
}

/** Per-domain shape of the work one event causes. */
export interface DomainAssumptions {
  /** Distinct DynamoDB items (sessions, devices, cards) written per event: one conditional put per key per batch. */
  itemsWrittenPerEvent: number;
  /** Items read per event (strongly consistent BatchGetItem before each conditional write). */
  itemsReadPerEvent: number;
  itemBytes: number;
  alertsPerEvent: number;
  alertBytes: number;
  /** Archive record bytes per event, relative to the event (payments archives decisions). */
  archiveBytesRatio: number;
}

export interface Assumptions {
  eventsPerApiRequest: number;
  ingestMsPerRequest: number;
  consumerMsPerInvocation: number;
  consumerMsPerRecord: number;
  logBytesPerIngestInvocation: number;
  logBytesPerConsumerInvocation: number;
  /** On-demand streams start with 4 shards; each is polled by the consumer. */
  onDemandShards: number;
  /** GZIP size of the JSON archive relative to its raw size. */
  archiveCompressionRatio: number;
  /** Partitions (event hours) written to in one buffer interval. */
  archiveOpenPartitions: number;
  athenaQueriesPerMonth: number;
  /** Each query scans this many days of one domain's compressed archive (partition projection prunes the rest). */
  athenaDaysPerQuery: number;
  domains: Record<StreamModule, DomainAssumptions>;
  flink: { parallelismKpus: number };
  video: {
    cameras: number;
    bitrateKbps: number;
    retentionHours: number;
    motionEventsPerCameraHour: number;
    imagesPerMotionEvent: number;
    /** Share of sampled frames with a person: those also get DetectFaces and SearchFacesByImage. */
    personFrameShare: number;
  };
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  eventsPerApiRequest: 100,
  ingestMsPerRequest: 30,
  consumerMsPerInvocation: 60,
  consumerMsPerRecord: 0.05,
  logBytesPerIngestInvocation: 1_200,
  logBytesPerConsumerInvocation: 2_500,
  onDemandShards: 4,
  archiveCompressionRatio: 0.15,
  archiveOpenPartitions: 1,
  athenaQueriesPerMonth: 300,
  athenaDaysPerQuery: 1,
  // Items per event and sizes as `npm run bench -- aws-calls` measures them with the simulators' default traffic.
  domains: {
    clickstream: { itemsWrittenPerEvent: 0.9, itemsReadPerEvent: 0.9, itemBytes: 900, alertsPerEvent: 0, alertBytes: 0, archiveBytesRatio: 1 },
    iot: { itemsWrittenPerEvent: 1, itemsReadPerEvent: 1, itemBytes: 1_200, alertsPerEvent: 0.01, alertBytes: 600, archiveBytesRatio: 1 },
    payments: { itemsWrittenPerEvent: 1, itemsReadPerEvent: 2, itemBytes: 900, alertsPerEvent: 0.02, alertBytes: 700, archiveBytesRatio: 1.2 },
  },
  flink: { parallelismKpus: 1 },
  video: {
    cameras: 4,
    bitrateKbps: 1_000,
    retentionHours: 24,
    motionEventsPerCameraHour: 6,
    imagesPerMotionEvent: 5,
    personFrameShare: 0.3,
  },
};

export interface Workload {
  /** Total over the selected stream modules, split evenly between them. */
  eventsPerSecond: number;
  eventBytes: number;
  modules: readonly CostModule[];
}

export interface CostLine {
  service: string;
  module: CostModule | 'shared';
  item: string;
  quantity: number;
  unit: string;
  usd: number;
  /** Shown for comparison, not counted in the total (Kinesis in the capacity mode not deployed). */
  alternative?: boolean;
}

export interface CostEstimate {
  workload: Workload;
  settings: DeploymentSettings;
  assumptions: Assumptions;
  lines: CostLine[];
  totalUsd: number;
  /** The total with Kinesis in the other capacity mode. */
  totalWithOtherKinesisModeUsd: number;
  eventsPerMonth: number;
  usdPerMillionEvents: number;
}

interface LineInput {
  service: string;
  module: CostLine['module'];
  item: string;
  quantity: number;
  price: Price;
  /** Units the price is quoted in per quantity unit (e.g. 1e-6 for "per million"). */
  scale?: number;
  alternative?: boolean;
}

function line({ service, module, item, quantity, price, scale = 1, alternative }: LineInput): CostLine {
  return { service, module, item, quantity, unit: price.unit, usd: quantity * scale * price.usd, ...(alternative ? { alternative } : {}) };
}

interface StreamUsage {
  module: StreamModule;
  eventsPerSecond: number;
  eventBytes: number;
}

function kinesisLines(usage: StreamUsage, settings: DeploymentSettings, prices: PriceTable, readers: number): CostLine[] {
  const { module, eventsPerSecond, eventBytes } = usage;
  const records = eventsPerSecond * SECONDS_PER_MONTH;
  const billedGb = (records * kinesisBilledBytes(eventBytes)) / GiB;
  const onDemandIsAlternative = settings.streamMode !== 'ON_DEMAND';
  const shards = provisionedShards(eventsPerSecond, eventsPerSecond * eventBytes);
  return [
    line({ service: 'Kinesis (on-demand)', module, item: 'stream hours', quantity: HOURS_PER_MONTH, price: prices.kinesisOnDemandStreamHour, alternative: onDemandIsAlternative }),
    line({ service: 'Kinesis (on-demand)', module, item: 'data in (1 KB rounding)', quantity: billedGb, price: prices.kinesisOnDemandIngestGb, alternative: onDemandIsAlternative }),
    line({ service: 'Kinesis (on-demand)', module, item: `data out (${readers} consumer${readers > 1 ? 's' : ''})`, quantity: billedGb * readers, price: prices.kinesisOnDemandRetrievalGb, alternative: onDemandIsAlternative }),
    line({ service: 'Kinesis (provisioned)', module, item: `${shards} shard(s) × 730 h`, quantity: shards * HOURS_PER_MONTH, price: prices.kinesisShardHour, alternative: !onDemandIsAlternative }),
    line({ service: 'Kinesis (provisioned)', module, item: 'PUT payload units', quantity: records * putPayloadUnits(eventBytes), price: prices.kinesisPutPayloadUnitsMillion, scale: 1e-6, alternative: !onDemandIsAlternative }),
  ];
}

function lambdaLines(usage: StreamUsage, settings: DeploymentSettings, assumptions: Assumptions, prices: PriceTable): CostLine[] {
  const { module, eventsPerSecond } = usage;
  const apiRequests = (eventsPerSecond / assumptions.eventsPerApiRequest) * SECONDS_PER_MONTH;
  const shards = settings.streamMode === 'ON_DEMAND' ? assumptions.onDemandShards : provisionedShards(eventsPerSecond, eventsPerSecond * usage.eventBytes);
  const invocationsPerSecond = consumerInvocationsPerSecond({
    recordsPerSecond: eventsPerSecond,
    batchSize: settings.consumerBatchSize,
    batchWindowSeconds: settings.consumerBatchWindowSeconds,
    shards,
  });
  const invocations = invocationsPerSecond * SECONDS_PER_MONTH;
  const recordsPerInvocation = invocationsPerSecond > 0 ? eventsPerSecond / invocationsPerSecond : 0;
  const consumerMs = assumptions.consumerMsPerInvocation + assumptions.consumerMsPerRecord * recordsPerInvocation;
  const gbSeconds =
    apiRequests * lambdaGbSeconds(assumptions.ingestMsPerRequest, settings.ingestMemoryMb) +
    invocations * lambdaGbSeconds(consumerMs, settings.consumerMemoryMb);
  const logGb = (apiRequests * assumptions.logBytesPerIngestInvocation + invocations * assumptions.logBytesPerConsumerInvocation) / GiB;
  return [
    line({ service: 'API Gateway (REST)', module, item: `requests (${assumptions.eventsPerApiRequest} events each)`, quantity: apiRequests, price: prices.apiGatewayRestRequestsMillion, scale: 1e-6 }),
    line({ service: 'Lambda', module, item: 'requests (ingest + consumer)', quantity: apiRequests + invocations, price: prices.lambdaRequestsMillion, scale: 1e-6 }),
    line({ service: 'Lambda', module, item: `GB-s (arm64; ${settings.ingestMemoryMb}/${settings.consumerMemoryMb} MB)`, quantity: gbSeconds, price: prices.lambdaArmGbSecond }),
    line({ service: 'CloudWatch Logs', module, item: 'log ingestion', quantity: logGb, price: prices.cloudWatchLogsIngestGb }),
  ];
}

function dynamoDbLines(usage: StreamUsage, domain: DomainAssumptions, prices: PriceTable): CostLine[] {
  const { module, eventsPerSecond } = usage;
  const events = eventsPerSecond * SECONDS_PER_MONTH;
  const items = events * domain.itemsWrittenPerEvent;
  const alerts = events * domain.alertsPerEvent;
  // Items are read with strongly consistent BatchGetItem, then written with a conditional put.
  const readUnits = events * domain.itemsReadPerEvent * dynamoDbReadUnits(domain.itemBytes, true);
  const writeUnits = items * dynamoDbWriteUnits(domain.itemBytes) + (alerts > 0 ? alerts * dynamoDbWriteUnits(domain.alertBytes) : 0);
  return [
    line({ service: 'DynamoDB (on-demand)', module, item: 'write request units', quantity: writeUnits, price: prices.dynamoDbWriteRequestUnitsMillion, scale: 1e-6 }),
    line({ service: 'DynamoDB (on-demand)', module, item: 'read request units', quantity: readUnits, price: prices.dynamoDbReadRequestUnitsMillion, scale: 1e-6 }),
  ];
}

function archiveLines(usage: StreamUsage, domain: DomainAssumptions, settings: DeploymentSettings, assumptions: Assumptions, prices: PriceTable): CostLine[] {
  const { module, eventsPerSecond, eventBytes } = usage;
  const records = eventsPerSecond * SECONDS_PER_MONTH;
  const recordBytes = Math.round(eventBytes * domain.archiveBytesRatio);
  const rawGb = (records * recordBytes) / GiB;
  const storedGb = rawGb * assumptions.archiveCompressionRatio;
  // An object per open partition per buffer interval, or more when the size limit fills first.
  const flushesBySize = (rawGb * GiB) / (settings.archiveBufferMb * 1024 * 1024);
  const objects = Math.max((SECONDS_PER_MONTH / settings.archiveBufferSeconds) * assumptions.archiveOpenPartitions, flushesBySize);
  const scannedPerQuery = athenaBilledBytes((storedGb * GiB * assumptions.athenaDaysPerQuery) / 30);
  return [
    line({ service: 'Firehose', module, item: 'ingestion (5 KB rounding)', quantity: (records * firehoseBilledBytes(recordBytes)) / GiB, price: prices.firehoseIngestGb }),
    line({ service: 'Firehose', module, item: 'dynamic partitioning, data', quantity: rawGb, price: prices.firehoseDynamicPartitioningGb }),
    line({ service: 'Firehose', module, item: 'dynamic partitioning, objects', quantity: objects, price: prices.firehoseDynamicPartitioningObjectsThousand, scale: 1e-3 }),
    line({ service: 'S3', module, item: "storage (one month's GZIP archive)", quantity: storedGb, price: prices.s3StandardGbMonth }),
    line({ service: 'S3', module, item: 'PUT requests (Firehose objects)', quantity: objects, price: prices.s3PutRequestsThousand, scale: 1e-3 }),
    line({ service: 'Athena', module, item: `${assumptions.athenaQueriesPerMonth} queries × ${assumptions.athenaDaysPerQuery} day(s)`, quantity: (scannedPerQuery * assumptions.athenaQueriesPerMonth) / TiB, price: prices.athenaScannedTb }),
  ];
}

function flinkLines(assumptions: Assumptions, prices: PriceTable): CostLine[] {
  const kpus = assumptions.flink.parallelismKpus + 1;
  return [
    line({ service: 'Managed Flink', module: 'flink', item: `${assumptions.flink.parallelismKpus} KPU + 1 orchestration KPU, 24/7`, quantity: kpus * HOURS_PER_MONTH, price: prices.flinkKpuHour }),
    line({ service: 'Managed Flink', module: 'flink', item: 'running application storage (50 GB/KPU)', quantity: assumptions.flink.parallelismKpus * 50, price: prices.flinkRunningStorageGbMonth }),
  ];
}

function videoLines(assumptions: Assumptions, prices: PriceTable): CostLine[] {
  const video = assumptions.video;
  const bytesPerSecond = (video.cameras * video.bitrateKbps * 1000) / 8;
  const images = video.cameras * video.motionEventsPerCameraHour * HOURS_PER_MONTH * video.imagesPerMotionEvent;
  const personImages = images * video.personFrameShare;
  const group1 = prices.rekognitionGroup1Images;
  const group2 = prices.rekognitionGroup2Images;
  return [
    line({ service: 'Kinesis Video Streams', module: 'video', item: `ingest (${video.cameras} cameras × ${video.bitrateKbps} kbit/s)`, quantity: (bytesPerSecond * SECONDS_PER_MONTH) / GiB, price: prices.kinesisVideoIngestGb }),
    line({ service: 'Kinesis Video Streams', module: 'video', item: `storage (${video.retentionHours} h retention)`, quantity: (bytesPerSecond * video.retentionHours * 3600) / GiB, price: prices.kinesisVideoStorageGbMonth }),
    line({ service: 'Kinesis Video Streams', module: 'video', item: 'GetImages images', quantity: images, price: prices.kinesisVideoImagesThousand, scale: 1e-3 }),
    { service: 'Rekognition', module: 'video', item: 'DetectLabels + DetectFaces (group 2)', quantity: images + personImages, unit: group2.unit, usd: tieredCost(group2.tiers, images + personImages) },
    { service: 'Rekognition', module: 'video', item: 'SearchFacesByImage (group 1)', quantity: personImages, unit: group1.unit, usd: tieredCost(group1.tiers, personImages) },
  ];
}

/**
 * What the deployed stack costs whatever the traffic: its alarms, the alarm topic's KMS key and, when enabled, the
 * shard-level stream metrics of every stream the stack creates.
 */
function stackLines(settings: DeploymentSettings, workload: Workload, assumptions: Assumptions, prices: PriceTable): CostLine[] {
  const alarms = settings.alarms.always + (workload.modules.includes('flink') ? settings.alarms.withFlink : 0);
  const { streams } = settings;
  const lines = [
    line({ service: 'CloudWatch', module: 'shared', item: `${alarms} alarms`, quantity: alarms, price: prices.cloudWatchAlarmMonth }),
    line({ service: 'KMS', module: 'shared', item: 'alarm topic key', quantity: 1, price: prices.kmsKeyMonth }),
  ];
  if (settings.shardLevelMetrics) {
    const shards = streams * assumptions.onDemandShards;
    lines.push(line({ service: 'CloudWatch', module: 'shared', item: `shard-level metrics (${streams} streams × ${assumptions.onDemandShards} shards)`, quantity: shards, price: prices.cloudWatchMetricMonth }));
  }
  return lines;
}

/** Pure: the same inputs always give the same estimate. */
export function estimateMonthlyCost(
  workload: Workload,
  settings: DeploymentSettings,
  prices: PriceTable,
  assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
): CostEstimate {
  const streamModules = STREAM_MODULES.filter((module) => workload.modules.includes(module));
  const perModuleRate = streamModules.length > 0 ? workload.eventsPerSecond / streamModules.length : 0;
  // The Flink job reads every stream too, which on-demand bills as retrieval.
  const readers = workload.modules.includes('flink') ? 2 : 1;
  const lines: CostLine[] = [];
  for (const module of streamModules) {
    const usage: StreamUsage = { module, eventsPerSecond: perModuleRate, eventBytes: workload.eventBytes };
    const domain = assumptions.domains[module];
    lines.push(
      ...kinesisLines(usage, settings, prices, readers),
      ...lambdaLines(usage, settings, assumptions, prices),
      ...dynamoDbLines(usage, domain, prices),
      ...archiveLines(usage, domain, settings, assumptions, prices),
    );
  }
  if (workload.modules.includes('flink')) lines.push(...flinkLines(assumptions, prices));
  if (workload.modules.includes('video')) lines.push(...videoLines(assumptions, prices));
  lines.push(...stackLines(settings, workload, assumptions, prices));

  const sum = (selected: CostLine[]): number => selected.reduce((total, entry) => total + entry.usd, 0);
  const totalUsd = sum(lines.filter((entry) => !entry.alternative));
  const kinesis = (entry: CostLine): boolean => entry.service.startsWith('Kinesis (');
  const totalWithOtherKinesisModeUsd = sum(lines.filter((entry) => (kinesis(entry) ? entry.alternative : !entry.alternative)));
  const eventsPerMonth = perModuleRate * streamModules.length * SECONDS_PER_MONTH;
  return {
    workload,
    settings,
    assumptions,
    lines,
    totalUsd,
    totalWithOtherKinesisModeUsd,
    eventsPerMonth,
    usdPerMillionEvents: eventsPerMonth > 0 ? (totalUsd / eventsPerMonth) * 1e6 : 0,
  };
}
