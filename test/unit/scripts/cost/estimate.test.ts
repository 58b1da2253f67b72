// The monthly estimate against hand-computed figures (730-hour month, us-east-1 table).
import { DEFAULT_ASSUMPTIONS, estimateMonthlyCost, type DeploymentSettings } from '../../../../scripts/cost/estimate';
import { US_EAST_1_PRICES } from '../../../../scripts/cost/prices';

const settings: DeploymentSettings = {
  ingestMemoryMb: 256,
  consumerMemoryMb: 512,
  consumerBatchSize: 100,
  consumerBatchWindowSeconds: 1,
  streamMode: 'ON_DEMAND',
  archiveBufferSeconds: 60,
  archiveBufferMb: 64,
  alarms: { always: 13, withFlink: 1 },
  shardLevelMetrics: true,
  streams: 4,
};
const SECONDS = 730 * 3600;
const GIB = 1024 ** 3;

const lineOf = (estimate: ReturnType<typeof estimateMonthlyCost>, service: string, item: string) => {
  const found = estimate.lines.find((entry) => entry.service === service && entry.item.startsWith(item));
  if (!found) throw new Error(`no line ${service} / ${item}`);
  return found;
};

describe('estimateMonthlyCost', () => {
  const estimate = estimateMonthlyCost({ eventsPerSecond: 100, eventBytes: 1000, modules: ['clickstream'] }, settings, US_EAST_1_PRICES);

  it('bills Kinesis on-demand per stream-hour and per KiB-rounded GB in and out', () => {
    expect(lineOf(estimate, 'Kinesis (on-demand)', 'stream hours').usd).toBeCloseTo(730 * 0.04);
    // 100 records/s × 2,628,000 s × 1 KiB each = 250.6 GiB.
    const gib = (100 * SECONDS * 1024) / GIB;
    expect(lineOf(estimate, 'Kinesis (on-demand)', 'data in').usd).toBeCloseTo(gib * 0.08, 6);
    expect(lineOf(estimate, 'Kinesis (on-demand)', 'data out').usd).toBeCloseTo(gib * 0.04, 6);
  });

  it('shows provisioned Kinesis (1 shard, one PUT unit per record) as an alternative outside the total', () => {
    const shards = lineOf(estimate, 'Kinesis (provisioned)', '1 shard');
    expect(shards.alternative).toBe(true);
    expect(shards.usd).toBeCloseTo(730 * 0.015);
    expect(lineOf(estimate, 'Kinesis (provisioned)', 'PUT payload units').usd).toBeCloseTo(262.8 * 0.014, 6);
    const provisionedSum = estimate.lines.filter((entry) => entry.service === 'Kinesis (provisioned)').reduce((sum, entry) => sum + entry.usd, 0);
    const onDemandSum = estimate.lines.filter((entry) => entry.service === 'Kinesis (on-demand)').reduce((sum, entry) => sum + entry.usd, 0);
    expect(estimate.totalWithOtherKinesisModeUsd).toBeCloseTo(estimate.totalUsd - onDemandSum + provisionedSum, 6);
  });

  it('bills API Gateway per request of 100 events and DynamoDB per written and read unit', () => {
    expect(lineOf(estimate, 'API Gateway (REST)', 'requests').usd).toBeCloseTo(2.628 * 3.5, 6);
    const { itemsWrittenPerEvent, itemsReadPerEvent } = DEFAULT_ASSUMPTIONS.domains.clickstream;
    // 900-byte items: 1 WRU per write, 1 RRU per strongly consistent read.
    expect(lineOf(estimate, 'DynamoDB (on-demand)', 'write').usd).toBeCloseTo(262.8 * itemsWrittenPerEvent * 0.625, 6);
    expect(lineOf(estimate, 'DynamoDB (on-demand)', 'read').usd).toBeCloseTo(262.8 * itemsReadPerEvent * 0.125, 6);
  });

  it('bills Firehose ingestion per 5 KiB-rounded record and one object per buffer interval', () => {
    expect(lineOf(estimate, 'Firehose', 'ingestion').usd).toBeCloseTo(((100 * SECONDS * 5 * 1024) / GIB) * 0.029, 6);
    expect(lineOf(estimate, 'Firehose', 'dynamic partitioning, objects').quantity).toBeCloseTo(SECONDS / 60);
  });

  it('reports the cost per million events from the total', () => {
    expect(estimate.eventsPerMonth).toBe(262_800_000);
    expect(estimate.usdPerMillionEvents).toBeCloseTo(estimate.totalUsd / 262.8, 6);
  });

  it('adds Managed Flink as parallelism + 1 orchestration KPU around the clock, with 50 GB running storage per KPU', () => {
    const flink = estimateMonthlyCost({ eventsPerSecond: 100, eventBytes: 500, modules: ['flink'] }, settings, US_EAST_1_PRICES);
    const flinkUsd = flink.lines.filter((entry) => entry.module === 'flink').reduce((sum, entry) => sum + entry.usd, 0);
    expect(flinkUsd).toBeCloseTo(2 * 730 * 0.11 + 50 * 0.1);
    expect(flink.lines.every((entry) => entry.module === 'flink' || entry.module === 'shared')).toBe(true);
    expect(flink.usdPerMillionEvents).toBe(0);
  });

  it('prices video frames: one DetectLabels per image, DetectFaces and SearchFacesByImage for frames with people', () => {
    const video = estimateMonthlyCost({ eventsPerSecond: 1, eventBytes: 500, modules: ['video'] }, settings, US_EAST_1_PRICES);
    // 4 cameras × 6 motion events/h × 730 h × 5 images = 87,600 images; 30 % with a person.
    expect(lineOf(video, 'Kinesis Video Streams', 'GetImages').quantity).toBe(87_600);
    expect(lineOf(video, 'Rekognition', 'DetectLabels').usd).toBeCloseTo((87_600 + 26_280) * 0.001, 6);
    expect(lineOf(video, 'Rekognition', 'SearchFacesByImage').usd).toBeCloseTo(26_280 * 0.001, 6);
  });

  it("adds the stack's fixed monthly costs: alarms (Flink's only with Flink), the alarm topic key, shard-level metrics", () => {
    const usdOf = (item: string, modules: Parameters<typeof estimateMonthlyCost>[0]['modules'], overrides: Partial<DeploymentSettings> = {}) =>
      estimateMonthlyCost({ eventsPerSecond: 100, eventBytes: 1000, modules }, { ...settings, ...overrides }, US_EAST_1_PRICES).lines.find(
        (entry) => entry.module === 'shared' && entry.item.startsWith(item),
      )?.usd;
    expect(usdOf('13 alarms', ['clickstream'])).toBeCloseTo(13 * 0.1, 10);
    expect(usdOf('14 alarms', ['clickstream', 'flink'])).toBeCloseTo(14 * 0.1, 10);
    expect(usdOf('alarm topic key', ['iot'])).toBe(1);
    expect(usdOf('shard-level metrics (4 streams × 4 shards)', ['iot'])).toBeCloseTo(16 * 0.3, 10);
    expect(usdOf('shard-level metrics', ['iot'], { shardLevelMetrics: false })).toBeUndefined();
  });

  it('splits the event rate evenly between the selected stream modules', () => {
    const two = estimateMonthlyCost({ eventsPerSecond: 200, eventBytes: 1000, modules: ['clickstream', 'iot'] }, settings, US_EAST_1_PRICES);
    const clickstreamIn = two.lines.find((entry) => entry.module === 'clickstream' && entry.item.startsWith('data in'));
    expect(clickstreamIn?.usd).toBeCloseTo(lineOf(estimate, 'Kinesis (on-demand)', 'data in').usd, 6);
  });
});
