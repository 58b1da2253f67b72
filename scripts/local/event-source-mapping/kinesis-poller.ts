// A Kinesis event source mapping: one worker per shard, parents before children, drain() and stop() for the local cloud.
import { randomUUID } from 'node:crypto';
import type { FunctionInvoker, Stoppable } from '../types';
import { systemClock, type Clock } from './clock';
import type { KinesisShard, KinesisStreamReader } from './kinesis-port';
import { GET_RECORDS_MAX_LIMIT } from './kinesis-port';
import { parseKinesisMappingProperties, type KinesisMappingConfig } from './mapping-config';
import { silentLogger, type MappingLogger } from './mapping-logger';
import type { OnFailureDestination } from './on-failure';
import { ShardReader, type ShardStart } from './shard-reader';
import { emptyCounters, SUMMED_COUNTERS, type ShardCounters, type ShardStats } from './shard-stats';
import { ShardWorker } from './shard-worker';

export interface PollerTuning {
  /** How often an idle shard is polled; AWS polls about once per second [LK22]. */
  pollIntervalMs: number;
  /** Pause before retrying a failed batch: doubles per failed attempt from the base up to the max. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** GetRecords Limit, at most 10,000. */
  getRecordsLimit: number;
  /** How often ListShards looks for shards created by resharding (also done whenever a shard ends). */
  shardDiscoveryIntervalMs: number;
}

export const DEFAULT_TUNING: PollerTuning = {
  pollIntervalMs: 1_000,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2_000,
  getRecordsLimit: GET_RECORDS_MAX_LIMIT,
  shardDiscoveryIntervalMs: 10_000,
};

export interface StartKinesisMappingOptions {
  /** Resolved Properties of the AWS::Lambda::EventSourceMapping resource. */
  properties: Record<string, unknown>;
  invoker: FunctionInvoker;
  kinesis: KinesisStreamReader;
  /** Required when the mapping has DestinationConfig.OnFailure. */
  onFailure?: OnFailureDestination;
  /** The function's execution role ARN: each record's invokeIdentityArn. */
  roleArn: string;
  /** awsRegion of each record; defaults to the stream's region. */
  region?: string;
  clock?: Clock;
  logger?: MappingLogger;
  tuning?: Partial<PollerTuning>;
  /** requestId of OnFailure records. */
  newRequestId?: () => string;
}

export interface MappingStats {
  streamArn: string;
  functionName: string;
  state: 'Enabled' | 'Disabled' | 'Stopped';
  shards: ShardStats[];
  /** Sums over the shards; iteratorAgeMs and millisBehindLatest are the largest of any shard. */
  totals: ShardCounters & { pendingRecords: number };
}

export interface KinesisMappingHandle extends Stoppable {
  readonly config: KinesisMappingConfig;
  stats(): MappingStats;
  /**
   * Resolves when every shard has delivered (or discarded) everything that was in the stream when drain() was
   * called, including child shards of a reshard. Never resolves while a failing batch blocks a shard (with the
   * default MaximumRetryAttempts -1 that is until the records expire) — as on AWS.
   */
  drain(): Promise<void>;
}

/**
 * Validates the mapping's Properties, lists the stream's shards (failing like AWS would for a missing stream)
 * and starts polling. A mapping with Enabled: false is returned without polling.
 */
export async function startKinesisEventSourceMapping(options: StartKinesisMappingOptions): Promise<KinesisMappingHandle> {
  const clock = options.clock ?? systemClock;
  const config = parseKinesisMappingProperties(options.properties, { now: clock.now() });
  if (config.onFailureDestinationArn !== undefined && options.onFailure === undefined) {
    throw new Error(`The mapping sends failures to ${config.onFailureDestinationArn}: pass an onFailure destination`);
  }
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  if (tuning.getRecordsLimit < 1 || tuning.getRecordsLimit > GET_RECORDS_MAX_LIMIT) {
    throw new Error(`getRecordsLimit must be 1–${GET_RECORDS_MAX_LIMIT}`);
  }
  const mapping = new KinesisEventSourceMapping(config, {
    ...options,
    clock,
    tuning,
    logger: options.logger ?? silentLogger,
    region: options.region ?? config.region,
    newRequestId: options.newRequestId ?? randomUUID,
  });
  if (config.enabled) await mapping.start();
  return mapping;
}

type MappingDependencies = Required<Pick<StartKinesisMappingOptions, 'clock' | 'logger' | 'region' | 'newRequestId'>> &
  Pick<StartKinesisMappingOptions, 'invoker' | 'kinesis' | 'onFailure' | 'roleArn'> & { tuning: PollerTuning };

interface ShardEntry {
  shard: KinesisShard;
  start: ShardStart;
  worker?: ShardWorker;
  run?: Promise<void>;
}

class KinesisEventSourceMapping implements KinesisMappingHandle {
  private readonly shards = new Map<string, ShardEntry>();
  private readonly stopController = new AbortController();
  /** ListShards calls run one after another: each sees the shards the previous one added. */
  private discovery: Promise<void> = Promise.resolve();
  private discoveryLoop: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private workersStarted = 0;
  /** False for a mapping created with Enabled: false: it never lists or reads shards. */
  private polling = false;

  constructor(
    readonly config: KinesisMappingConfig,
    private readonly deps: MappingDependencies,
  ) {}

  /**
   * The starting position applies to the shards that exist now. For LATEST an iterator is taken for each of them
   * at once, so "latest" is the tip at creation even for a child that must wait for its parents.
   */
  async start(): Promise<void> {
    const { kinesis, clock } = this.deps;
    const { streamArn, startingPosition } = this.config;
    const shards = await kinesis.listShards(streamArn);
    const takenAtMs = clock.now();
    const entries = await Promise.all(
      shards.map(async (shard): Promise<ShardEntry> => {
        if (startingPosition.type !== 'LATEST') return { shard, start: { position: startingPosition } };
        const iterator = await kinesis.getShardIterator(streamArn, shard.shardId, startingPosition);
        return { shard, start: { position: startingPosition, pinned: { iterator, takenAtMs } } };
      }),
    );
    for (const entry of entries) this.shards.set(entry.shard.shardId, entry);
    this.polling = true;
    this.deps.logger.info('Kinesis event source mapping started', {
      streamArn,
      functionName: this.config.functionName,
      shards: shards.length,
      startingPosition: startingPosition.type,
    });
    this.startShardsWhoseParentsFinished();
    this.discoveryLoop = this.discoverPeriodically();
  }

  stats(): MappingStats {
    const shards = [...this.shards.values()]
      .map((entry): ShardStats => entry.worker?.stats() ?? waitingShardStats(entry.shard.shardId))
      .sort((a, b) => a.shardId.localeCompare(b.shardId));
    return {
      streamArn: this.config.streamArn,
      functionName: this.config.functionName,
      state: this.stopping !== undefined ? 'Stopped' : this.config.enabled ? 'Enabled' : 'Disabled',
      shards,
      totals: sumShardStats(shards),
    };
  }

  async drain(): Promise<void> {
    while (this.polling && !this.stopped) {
      await this.discoverShards();
      const startedBefore = this.workersStarted;
      await Promise.all([...this.shards.values()].flatMap((entry) => entry.worker?.waitUntilCaughtUp() ?? []));
      // Finished parents may have released children: those must be drained too.
      await this.discoverShards();
      if (this.workersStarted === startedBefore) return;
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private async shutDown(): Promise<void> {
    this.stopController.abort();
    for (const entry of this.shards.values()) entry.worker?.stop();
    await Promise.all([...this.shards.values()].flatMap((entry) => entry.run ?? []));
    await Promise.all([this.discoveryLoop, this.discovery]);
    this.deps.logger.info('Kinesis event source mapping stopped', { streamArn: this.config.streamArn });
  }

  /** Children start only after every parent was read to its end, so a key's records stay in order across a reshard [LK22]. */
  private startShardsWhoseParentsFinished(): void {
    for (const entry of this.shards.values()) {
      if (this.stopped) return;
      if (entry.worker !== undefined) continue;
      const parents = [entry.shard.parentShardId, entry.shard.adjacentParentShardId]
        .map((parentId) => (parentId === undefined ? undefined : this.shards.get(parentId)))
        // A parent past the retention period is no longer listed: nothing to wait for.
        .filter((parent): parent is ShardEntry => parent !== undefined);
      if (parents.every((parent) => parent.worker?.status === 'finished')) this.startWorker(entry);
    }
  }

  private startWorker(entry: ShardEntry): void {
    const { kinesis, tuning, clock, logger } = this.deps;
    const { streamArn } = this.config;
    const { shardId } = entry.shard;
    const worker = new ShardWorker({
      ...this.deps,
      config: this.config,
      reader: new ShardReader(kinesis, streamArn, shardId, entry.start, tuning.getRecordsLimit),
      identity: { streamArn, shardId, region: this.deps.region, roleArn: this.deps.roleArn },
      clock,
      pollIntervalMs: tuning.pollIntervalMs,
      retryDelayMs: (failedAttempts) =>
        Math.min(tuning.retryMaxDelayMs, tuning.retryBaseDelayMs * 2 ** Math.max(0, failedAttempts - 1)),
      onFinished: () => {
        logger.info('Shard read to its end', { shardId });
        this.startShardsWhoseParentsFinished();
        void this.discoverShards();
      },
    });
    entry.worker = worker;
    entry.run = worker.run();
    this.workersStarted++;
    logger.info('Polling shard', { shardId, from: entry.start.position.type });
  }

  private discoverShards(): Promise<void> {
    this.discovery = this.discovery.then(() => this.addNewShards());
    return this.discovery;
  }

  private async addNewShards(): Promise<void> {
    if (!this.polling || this.stopped) return;
    let shards: KinesisShard[];
    try {
      shards = await this.deps.kinesis.listShards(this.config.streamArn);
    } catch (error) {
      this.deps.logger.warn('ListShards failed; trying again later', { error: String(error) });
      return;
    }
    for (const shard of shards) {
      // A shard created after the mapping started holds only newer records: it is read from its start.
      if (!this.shards.has(shard.shardId)) this.shards.set(shard.shardId, { shard, start: { position: { type: 'TRIM_HORIZON' } } });
    }
    this.startShardsWhoseParentsFinished();
  }

  private async discoverPeriodically(): Promise<void> {
    const { clock, tuning } = this.deps;
    while (!this.stopped) {
      await clock.sleep(tuning.shardDiscoveryIntervalMs, this.stopController.signal);
      await this.discoverShards();
    }
  }
}

const waitingShardStats = (shardId: string): ShardStats => ({
  shardId,
  status: 'waiting-for-parents',
  pendingRecords: 0,
  ...emptyCounters(),
});

function sumShardStats(shards: readonly ShardStats[]): MappingStats['totals'] {
  const totals: MappingStats['totals'] = { ...emptyCounters(), pendingRecords: 0 };
  for (const shard of shards) {
    for (const key of [...SUMMED_COUNTERS, 'pendingRecords'] as const) totals[key] += shard[key];
    for (const key of ['iteratorAgeMs', 'millisBehindLatest'] as const) {
      const value = shard[key];
      if (value !== undefined) totals[key] = Math.max(totals[key] ?? 0, value);
    }
  }
  return totals;
}
