// One delivery stream at run time: per-partition buffers flushed by size or interval, objects written with retries.
import type { FirehoseClock, RandomSource, TimerHandle } from './clock';
import type { FirehoseLogger } from './logger';
import { objectBody, objectKey, randomString } from './object-name';
import type { ObjectSink } from './object-sink';
import { evaluatePrefix, type ErrorOutputType } from './prefix';
import { routeRecord } from './record-routing';
import type { DeliveryStreamConfig } from './stream-config';

/** AWS retries S3 delivery for up to 24 h; locally a few minutes of backoff is enough to ride out a restarting S3. */
export interface DeliveryRetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultDeliveryRetry: DeliveryRetryPolicy = { maxAttempts: 8, initialDelayMs: 1_000, maxDelayMs: 30_000 };

export interface DeliveryStreamDependencies {
  sink: ObjectSink;
  clock: FirehoseClock;
  random: RandomSource;
  logger: FirehoseLogger;
  retry: DeliveryRetryPolicy;
}

export interface DeliveryStreamStats {
  recordsIn: number;
  /** Record bytes as put, before delimiters and compression. */
  bytesIn: number;
  recordsBuffered: number;
  bytesBuffered: number;
  /** Objects handed to the sink and not yet written (including ones waiting to retry). */
  objectsInFlight: number;
  objectsWritten: number;
  /** Records in written objects, error documents included. */
  recordsDelivered: number;
  bytesWritten: number;
  partitioningFailures: number;
  deliveryRetries: number;
  /** Objects given up on after the last retry: their records are lost, and logged as such. */
  objectsFailed: number;
  recordsFailed: number;
}

/** Every counter at zero: a new stream's counters, and the start of a sum over streams. */
export function emptyStats(): DeliveryStreamStats {
  return {
    recordsIn: 0,
    bytesIn: 0,
    recordsBuffered: 0,
    bytesBuffered: 0,
    objectsInFlight: 0,
    objectsWritten: 0,
    recordsDelivered: 0,
    bytesWritten: 0,
    partitioningFailures: 0,
    deliveryRetries: 0,
    objectsFailed: 0,
    recordsFailed: 0,
  };
}

interface PartitionBuffer {
  key: string;
  errorOutputType?: ErrorOutputType;
  partitionKeys?: Record<string, string>;
  oldestArrivalMs: number;
  chunks: Uint8Array[];
  bytes: number;
  records: number;
  timer: TimerHandle;
}

interface RetryWait {
  timer: TimerHandle;
  resume: () => void;
}

const MiB = 1024 * 1024;

export class DeliveryStream {
  private readonly buffers = new Map<string, PartitionBuffer>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryWaits = new Set<RetryWait>();
  private draining = false;
  readonly createdAtMs: number;
  private readonly counters: Omit<DeliveryStreamStats, 'recordsBuffered' | 'bytesBuffered' | 'objectsInFlight'> = emptyStats();

  constructor(
    readonly config: DeliveryStreamConfig,
    private readonly dependencies: DeliveryStreamDependencies,
  ) {
    this.createdAtMs = dependencies.clock.now();
  }

  /** One arrival time for the whole call: Firehose stamps records when the request reaches it. */
  accept(records: readonly Uint8Array[]): void {
    const arrivalMs = this.dependencies.clock.now();
    for (const data of records) {
      this.counters.recordsIn += 1;
      this.counters.bytesIn += data.byteLength;
      const routed = routeRecord(this.config, data, arrivalMs, arrivalMs);
      if (routed.destination === 'error') this.counters.partitioningFailures += 1;
      const routing = routed.destination === 'error' ? { errorOutputType: routed.errorOutputType } : { partitionKeys: routed.partitionKeys };
      this.append(routed.bufferKey, routed.bytes, arrivalMs, routing);
    }
  }

  /** Delivers every buffer now and resolves once all objects, earlier ones included, are written or given up. */
  async flush(): Promise<void> {
    for (const key of [...this.buffers.keys()]) this.flushBuffer(key);
    await this.idle();
  }

  /** Like flush, but retries stop waiting for backoff: used on shutdown, when nobody would wait for the timers. */
  async drain(): Promise<void> {
    this.draining = true;
    for (const wait of this.retryWaits) {
      wait.timer.cancel();
      wait.resume();
    }
    this.retryWaits.clear();
    await this.flush();
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  stats(): DeliveryStreamStats {
    const buffers = [...this.buffers.values()];
    return {
      ...this.counters,
      recordsBuffered: buffers.reduce((sum, buffer) => sum + buffer.records, 0),
      bytesBuffered: buffers.reduce((sum, buffer) => sum + buffer.bytes, 0),
      objectsInFlight: this.inFlight.size,
    };
  }

  private append(key: string, bytes: Uint8Array, arrivalMs: number, routing: Pick<PartitionBuffer, 'errorOutputType' | 'partitionKeys'>): void {
    const buffer = this.buffers.get(key) ?? this.openBuffer(key, arrivalMs, routing);
    buffer.chunks.push(bytes);
    buffer.bytes += bytes.byteLength;
    buffer.records += 1;
    // Whichever hint is met first triggers delivery; size counts bytes before compression.
    if (buffer.bytes >= this.config.buffering.sizeInMBs * MiB) this.flushBuffer(key);
  }

  private openBuffer(key: string, arrivalMs: number, routing: Pick<PartitionBuffer, 'errorOutputType' | 'partitionKeys'>): PartitionBuffer {
    const timer = this.dependencies.clock.setTimer(this.config.buffering.intervalInSeconds * 1000, () => this.flushBuffer(key));
    const buffer: PartitionBuffer = { key, ...routing, oldestArrivalMs: arrivalMs, chunks: [], bytes: 0, records: 0, timer };
    this.buffers.set(key, buffer);
    return buffer;
  }

  private flushBuffer(key: string): void {
    const buffer = this.buffers.get(key);
    if (!buffer) return;
    this.buffers.delete(key);
    buffer.timer.cancel();
    const delivery = this.deliver(buffer).catch((error: unknown) => {
      this.counters.objectsFailed += 1;
      this.counters.recordsFailed += buffer.records;
      this.dependencies.logger.error('could not build an object; its records are lost', { stream: this.config.name, error: String(error) });
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(buffer: PartitionBuffer): Promise<void> {
    const { random } = this.dependencies;
    const layout = buffer.errorOutputType ? this.config.errorLayout : this.config.layout;
    const prefix = evaluatePrefix(layout, {
      timestampMs: buffer.oldestArrivalMs,
      partitionKeys: buffer.partitionKeys,
      errorOutputType: buffer.errorOutputType,
      randomString: () => randomString(random.bytes(11)),
    });
    const key = objectKey(this.config, prefix, buffer.oldestArrivalMs, random.uuid());
    const { body, metadata } = objectBody(buffer.chunks, this.config.compression);
    await this.putWithRetry(key, body, metadata, buffer.records);
  }

  private async putWithRetry(key: string, body: Uint8Array, metadata: Parameters<ObjectSink['putObject']>[3], records: number): Promise<void> {
    const { sink, logger, retry } = this.dependencies;
    const target = { stream: this.config.name, bucket: this.config.bucket, key, records };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sink.putObject(this.config.bucket, key, body, metadata);
        this.counters.objectsWritten += 1;
        this.counters.recordsDelivered += records;
        this.counters.bytesWritten += body.byteLength;
        logger.info(`delivered s3://${this.config.bucket}/${key}`, { records, bytes: body.byteLength });
        return;
      } catch (error) {
        if (attempt >= retry.maxAttempts) {
          this.counters.objectsFailed += 1;
          this.counters.recordsFailed += records;
          logger.error(`S3 delivery failed ${attempt} times; giving up, these records are lost`, { ...target, error: String(error) });
          return;
        }
        const delayMs = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
        this.counters.deliveryRetries += 1;
        logger.warn(`S3 delivery failed; retrying in ${delayMs} ms`, { ...target, attempt, error: String(error) });
        await this.wait(delayMs);
      }
    }
  }

  private wait(delayMs: number): Promise<void> {
    if (this.draining) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wait: RetryWait = {
        timer: this.dependencies.clock.setTimer(delayMs, () => {
          this.retryWaits.delete(wait);
          resolve();
        }),
        resume: resolve,
      };
      this.retryWaits.add(wait);
    });
  }
}
