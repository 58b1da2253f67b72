// Follows what a Kinesis consumer (the Flink job's sources) has read, through a forwarding proxy in front of the
// emulator, so a test can wait until everything it wrote has been read instead of sleeping and hoping.
import { setTimeout as sleep } from 'node:timers/promises';
import { startFaultProxy, type ProxiedExchange } from '../../../scripts/local/faults';

/** "<stream name>/<shard id>", as ListShards names them. */
export type ShardKey = string;

export const shardKey = (streamName: string, shardId: string): ShardKey => `${streamName}/${shardId}`;

export interface ShardReadProgress {
  record(exchange: ProxiedExchange): void;
  /** The shards whose consumer has not, in a request received after `sinceMs`, asked for more and got nothing. */
  behind(shards: readonly ShardKey[], sinceMs: number): ShardKey[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A stream named by StreamName or by StreamARN ("arn:aws:kinesis:<region>:<account>:stream/<name>"). */
const streamNameOf = (request: Record<string, unknown>): string | undefined => text(request.StreamName) ?? text(request.StreamARN)?.split('/').pop();

/**
 * A polling consumer reads a shard through a chain of iterators: GetShardIterator names the shard, and each GetRecords
 * answer hands on the next iterator. A GetRecords that finds nothing means the consumer is at the shard's tip; the
 * Flink Kinesis consumer emits a batch before it asks for the next one, so an empty read requested after a write
 * was acknowledged proves every record of that write has been emitted into the job.
 */
export function createShardReadProgress(): ShardReadProgress {
  const shardOfIterator = new Map<string, ShardKey>();
  const atTipSince = new Map<ShardKey, number>();

  return {
    record({ call, receivedAt, request, status, answer }) {
      if (call.service !== 'kinesis' || status !== 200 || request === undefined || answer === undefined) return;
      if (call.operation === 'GetShardIterator') {
        const stream = streamNameOf(request);
        const shardId = text(request.ShardId);
        const iterator = text(answer.ShardIterator);
        if (stream !== undefined && shardId !== undefined && iterator !== undefined) shardOfIterator.set(iterator, shardKey(stream, shardId));
      } else if (call.operation === 'GetRecords') {
        const iterator = text(request.ShardIterator);
        const shard = iterator === undefined ? undefined : shardOfIterator.get(iterator);
        if (iterator === undefined || shard === undefined) return;
        shardOfIterator.delete(iterator);
        const next = text(answer.NextShardIterator);
        if (next !== undefined) shardOfIterator.set(next, shard);
        const records = Array.isArray(answer.Records) ? answer.Records : [];
        if (records.length === 0) atTipSince.set(shard, Math.max(atTipSince.get(shard) ?? 0, receivedAt));
      }
    },
    behind: (shards, sinceMs) => shards.filter((shard) => (atTipSince.get(shard) ?? 0) <= sinceMs),
  };
}

export interface KinesisReadTracker {
  /** The Kinesis endpoint to give the consumer. */
  url: string;
  /** Resolves once every shard's consumer has read past everything written before this call; else throws at the deadline. */
  waitUntilRead(shards: readonly ShardKey[], options: { timeoutMs: number; stillRunning: () => boolean; describeFailure?: () => string }): Promise<void>;
  stop(): Promise<void>;
}

/** A proxy in front of `kinesisEndpoint` that forwards everything untouched and follows the reads. */
export async function startKinesisReadTracker(kinesisEndpoint: string, accountId: string): Promise<KinesisReadTracker> {
  const progress = createShardReadProgress();
  const proxy = await startFaultProxy({ upstreams: { default: kinesisEndpoint }, seed: 0, accountId, onExchange: (exchange) => progress.record(exchange) });
  return {
    url: proxy.url,
    async waitUntilRead(shards, { timeoutMs, stillRunning, describeFailure = () => '' }) {
      const written = Date.now();
      const deadline = written + timeoutMs;
      for (;;) {
        const behind = progress.behind(shards, written);
        if (behind.length === 0) return;
        if (!stillRunning()) throw new Error(`The consumer stopped before reading ${behind.join(', ')}${describeFailure()}`);
        if (Date.now() > deadline) throw new Error(`Not read within ${timeoutMs / 1000} s: ${behind.join(', ')}${describeFailure()}`);
        await sleep(200);
      }
    },
    stop: () => proxy.stop(),
  };
}
