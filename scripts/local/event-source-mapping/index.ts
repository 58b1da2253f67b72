// Lambda's Kinesis event source mapping, emulated for the local cloud. Reading order for how the ESM works:
//   mapping-config.ts    the CloudFormation Properties, AWS ranges and defaults
//   kinesis-poller.ts    one worker per shard, parents before children, drain() / stop()
//   shard-worker.ts      the polling loop of one shard, lanes for ParallelizationFactor
//   batch-lane.ts        BatchSize, batching window, 6 MB payload
//   batch-delivery.ts    retries, record age, ReportBatchItemFailures, bisection, OnFailure
//   shard-checkpoint.ts  where a shard would resume
//   shard-reader.ts      shard iterators, expiry, the end of a closed shard
export {
  startKinesisEventSourceMapping,
  DEFAULT_TUNING,
  type KinesisMappingHandle,
  type MappingStats,
  type PollerTuning,
  type StartKinesisMappingOptions,
} from './kinesis-poller';
export { parseKinesisMappingProperties, InvalidEventSourceMappingError, type KinesisMappingConfig } from './mapping-config';
export {
  ExpiredIteratorError,
  type IteratorPosition,
  type KinesisRecord,
  type KinesisShard,
  type KinesisStreamReader,
} from './kinesis-port';
export { createSdkKinesisReader } from './kinesis-sdk-adapter';
export { buildKinesisOnFailureRecord, type OnFailureDestination, type KinesisOnFailureRecord } from './on-failure';
export { createAwsOnFailureDestination, SqsOnFailureDestination, SnsOnFailureDestination } from './on-failure-adapters';
export { interpretBatchResponse, type BatchResponseVerdict } from './batch-response';
export { systemClock, type Clock } from './clock';
export { type MappingLogger } from './mapping-logger';
export { type ShardStats, type ShardStatus } from './shard-stats';
