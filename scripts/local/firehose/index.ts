// The local Amazon Data Firehose: DirectPut streams from the template, served over the Firehose API, delivered to S3.
import { localAccountId, localRegion } from '../emulators/sdk-env';
import type { ResolvedResource, Stoppable } from '../types';
import { startFirehoseApiServer } from './api-server';
import { cryptoRandom, systemClock, type FirehoseClock, type RandomSource } from './clock';
import { defaultDeliveryRetry, DeliveryStream, emptyStats, type DeliveryRetryPolicy, type DeliveryStreamStats } from './delivery-stream';
import { consoleLogger, type FirehoseLogger } from './logger';
import type { ObjectSink } from './object-sink';
import { DeliveryStreamConfigError, parseDeliveryStreamConfig, type DeliveryStreamConfig } from './stream-config';

export { ManualClock, SequentialRandom, systemClock, cryptoRandom, type FirehoseClock, type RandomSource, type TimerHandle } from './clock';
export { defaultDeliveryRetry, type DeliveryRetryPolicy, type DeliveryStreamStats } from './delivery-stream';
export { consoleLogger, silentLogger, type FirehoseLogger } from './logger';
export { InMemoryObjectSink, s3ObjectSink, s3ObjectSinkFromEnvironment, type ObjectSink, type ObjectMetadata, type StoredObject } from './object-sink';
export { DeliveryStreamConfigError, parseDeliveryStreamConfig, type DeliveryStreamConfig } from './stream-config';

export interface FirehoseEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** `AWS::KinesisFirehose::DeliveryStream` resources from the resolved template, or their bare Properties. */
  deliveryStreams: ReadonlyArray<ResolvedResource | Record<string, unknown>>;
  objectSink: ObjectSink;
  clock?: FirehoseClock;
  random?: RandomSource;
  logger?: FirehoseLogger;
  region?: string;
  accountId?: string;
  deliveryRetry?: Partial<DeliveryRetryPolicy>;
}

export interface FirehoseStats {
  totals: DeliveryStreamStats;
  streams: Record<string, DeliveryStreamStats>;
}

export interface FirehoseEmulator extends Stoppable {
  url: string;
  /** What SDK clients need to reach this Firehose. */
  environment: { AWS_ENDPOINT_URL_FIREHOSE: string };
  deliveryStreamNames(): string[];
  /** Delivers every buffer (of one stream, or all) now and resolves when the objects are written. */
  flush(streamName?: string): Promise<void>;
  stats(): FirehoseStats;
  /** Refuses new records, delivers every buffer, then closes the server. Idempotent. */
  stop(): Promise<void>;
}

/** Every stream is checked before anything listens: an invalid template fails here with all its problems listed. */
export async function startFirehoseEmulator(options: FirehoseEmulatorOptions): Promise<FirehoseEmulator> {
  const logger = options.logger ?? consoleLogger;
  const dependencies = {
    sink: options.objectSink,
    clock: options.clock ?? systemClock,
    random: options.random ?? cryptoRandom,
    logger,
    retry: { ...defaultDeliveryRetry, ...options.deliveryRetry },
  };
  const streams = new Map<string, DeliveryStream>();
  for (const config of parseAll(options.deliveryStreams)) {
    config.warnings.forEach((warning) => logger.warn(warning, { stream: config.name }));
    streams.set(config.name, new DeliveryStream(config, dependencies));
  }
  let stopping: Promise<void> | undefined;
  const server = await startFirehoseApiServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    logger,
    context: {
      streams,
      region: options.region ?? localRegion,
      accountId: options.accountId ?? localAccountId,
      random: dependencies.random,
      isStopping: () => stopping !== undefined,
    },
  });
  const streamsNamed = (name?: string): DeliveryStream[] => {
    if (name === undefined) return [...streams.values()];
    const stream = streams.get(name);
    if (!stream) throw new Error(`no Firehose delivery stream named ${name} (known: ${[...streams.keys()].join(', ') || 'none'})`);
    return [stream];
  };
  return {
    url: server.url,
    environment: { AWS_ENDPOINT_URL_FIREHOSE: server.url },
    deliveryStreamNames: () => [...streams.keys()],
    flush: async (name) => {
      await Promise.all(streamsNamed(name).map((stream) => stream.flush()));
    },
    stats: () => statsOf(streams),
    stop: () =>
      (stopping ??= (async () => {
        const closing = server.close();
        await Promise.all([...streams.values()].map((stream) => stream.drain()));
        await closing;
      })()),
  };
}

function parseAll(inputs: FirehoseEmulatorOptions['deliveryStreams']): DeliveryStreamConfig[] {
  const configs: DeliveryStreamConfig[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    try {
      const config = parseDeliveryStreamConfig(input);
      if (configs.some((other) => other.name === config.name)) errors.push(`Firehose delivery stream ${config.name} is defined twice`);
      else configs.push(config);
    } catch (error) {
      if (!(error instanceof DeliveryStreamConfigError)) throw error;
      errors.push(error.message);
    }
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return configs;
}

function statsOf(streams: ReadonlyMap<string, DeliveryStream>): FirehoseStats {
  const perStream = Object.fromEntries([...streams].map(([name, stream]) => [name, stream.stats()]));
  return { totals: Object.values(perStream).reduce(addStats, emptyStats()), streams: perStream };
}

function addStats(sum: DeliveryStreamStats, stats: DeliveryStreamStats): DeliveryStreamStats {
  const total = { ...sum };
  for (const key of Object.keys(total) as Array<keyof DeliveryStreamStats>) total[key] += stats[key];
  return total;
}
