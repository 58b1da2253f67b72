// Billing-unit rules of each service: rounding, shard math, volume tiers.
import {
  athenaBilledBytes,
  consumerInvocationsPerSecond,
  dynamoDbReadUnits,
  dynamoDbWriteUnits,
  firehoseBilledBytes,
  kinesisBilledBytes,
  lambdaGbSeconds,
  provisionedShards,
  putPayloadUnits,
  tieredCost,
} from '../../../../scripts/cost/billing-units';

describe('rounding per record or item', () => {
  it('rounds Kinesis records up to 1 KiB and PUT payload units to 25 KiB', () => {
    expect(kinesisBilledBytes(1)).toBe(1024);
    expect(kinesisBilledBytes(1024)).toBe(1024);
    expect(kinesisBilledBytes(4.5 * 1024)).toBe(5 * 1024);
    expect(putPayloadUnits(500)).toBe(1);
    expect(putPayloadUnits(25 * 1024 + 1)).toBe(2);
  });

  it('rounds Firehose records up to 5 KiB (a 3 KB record bills as 5 KB, a 12 KB one as 15 KB)', () => {
    expect(firehoseBilledBytes(3 * 1024)).toBe(5 * 1024);
    expect(firehoseBilledBytes(12 * 1024)).toBe(15 * 1024);
  });

  it('counts DynamoDB writes per started KB and strongly consistent reads per started 4 KB, eventual reads at half', () => {
    expect(dynamoDbWriteUnits(900)).toBe(1);
    expect(dynamoDbWriteUnits(1025)).toBe(2);
    expect(dynamoDbReadUnits(5000, true)).toBe(2);
    expect(dynamoDbReadUnits(300, false)).toBe(0.5);
  });

  it('bills Athena at least 10 MB per query and Lambda per millisecond of memory-time', () => {
    expect(athenaBilledBytes(1)).toBe(10_000_000);
    expect(athenaBilledBytes(2e9)).toBe(2e9);
    expect(lambdaGbSeconds(1000, 512)).toBe(0.5);
    expect(lambdaGbSeconds(0.2, 1024)).toBe(0.001);
  });
});

describe('provisionedShards', () => {
  it('takes whichever of 1 MiB/s and 1,000 records/s needs more shards', () => {
    expect(provisionedShards(2000, 2000 * 600)).toBe(2);
    expect(provisionedShards(500, 500 * 5000)).toBe(3);
    expect(provisionedShards(0, 0)).toBe(1);
  });
});

describe('tieredCost', () => {
  const tiers = [{ upTo: 1_000_000, usd: 0.001 }, { upTo: 5_000_000, usd: 0.0008 }, { usd: 0.0006 }];

  it('charges each tier only for the units inside it', () => {
    expect(tieredCost(tiers, 500_000)).toBeCloseTo(500);
    expect(tieredCost(tiers, 2_000_000)).toBeCloseTo(1000 + 800);
    expect(tieredCost(tiers, 6_000_000)).toBeCloseTo(1000 + 3200 + 600);
  });
});

describe('consumerInvocationsPerSecond', () => {
  it('is one invocation per full batch under load', () => {
    expect(consumerInvocationsPerSecond({ recordsPerSecond: 10_000, batchSize: 100, batchWindowSeconds: 1, shards: 4 })).toBe(100);
  });

  it('is about one invocation per shard per batching window at low rates, never more than one per record', () => {
    expect(consumerInvocationsPerSecond({ recordsPerSecond: 40, batchSize: 100, batchWindowSeconds: 1, shards: 4 })).toBe(4);
    expect(consumerInvocationsPerSecond({ recordsPerSecond: 2, batchSize: 100, batchWindowSeconds: 1, shards: 4 })).toBe(2);
    expect(consumerInvocationsPerSecond({ recordsPerSecond: 0, batchSize: 100, batchWindowSeconds: 1, shards: 4 })).toBe(0);
  });
});
