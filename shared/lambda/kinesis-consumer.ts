// A Kinesis stream handler any domain can reuse: validate, dead-letter poison records, run the domain step, report partial failures.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { z } from 'zod';
import type { DeadLetterWriter } from '../aws/dead-letter-writer';
import { deadLetterFor, decodeKinesisRecord, type StreamRecord, type UndecodableRecord } from './kinesis-records';
import type { MetricsRecorder, StructuredLogger } from './powertools';

export interface BatchStepResult {
  /** Sequence number → reason, for valid records the domain step could not complete. */
  failures: ReadonlyMap<string, string>;
  /** Domain counters for the one-line batch summary (sessions, devices …). */
  summary?: Record<string, number>;
}

export interface KinesisConsumerOptions<T> {
  schema: z.ZodType<T>;
  /** The domain's batch-wide work over all valid records (in stream order); must be idempotent per record. */
  processBatch: (records: Array<StreamRecord<T>>) => Promise<BatchStepResult>;
  deadLetters: DeadLetterWriter;
  logger: StructuredLogger;
  /** Per-batch counters as metrics (records, dead-lettered, failed, and the domain's summary counters). */
  metrics?: MetricsRecorder;
  now?: () => Date;
}

export type KinesisHandler = (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse>;

const MAX_LOGGED_FAILURES = 10;

/** Counters become Count metrics; names ending in "Ms" are durations (e.g. decision latency). Alarm on deadLettered/failed. */
function recordBatchMetrics(metrics: MetricsRecorder, summary: Record<string, number>): void {
  for (const [name, value] of Object.entries(summary)) {
    if (!Number.isFinite(value)) continue;
    const unit = name.endsWith('Ms') ? 'Milliseconds' : 'Count';
    metrics.addMetric(name.replace(/^./, (first) => first.toUpperCase()), unit, value);
  }
}

/**
 * Lambda resumes a shard from the LOWEST reported sequence number, so reporting later records as failed costs
 * nothing: they are redelivered either way. Doing it for the later records of a failed record's partition key
 * guarantees a domain never sees "record n+1 of a key succeeded, record n failed", which per-key sequence
 * dedupe (skip anything at or below the last applied number) would turn into a lost record.
 * Lambda delivers a batch from one shard in sequence order, which is the order walked here.
 */
export function failLaterRecordsOfFailedKeys(
  records: readonly KinesisStreamRecord[],
  failures: ReadonlyMap<string, string>,
): Map<string, string> {
  if (failures.size === 0) return new Map();
  const extended = new Map(failures);
  const firstFailureByKey = new Map<string, string>();
  for (const { kinesis } of records) {
    if (failures.has(kinesis.sequenceNumber)) {
      if (!firstFailureByKey.has(kinesis.partitionKey)) firstFailureByKey.set(kinesis.partitionKey, kinesis.sequenceNumber);
      continue;
    }
    const earlier = firstFailureByKey.get(kinesis.partitionKey);
    if (earlier !== undefined) extended.set(kinesis.sequenceNumber, `earlier record ${earlier} of the same partition key failed`);
  }
  return extended;
}

/**
 * Builds the handler. Records that can never succeed (bad base64/UTF-8/JSON, schema violations) go to the
 * dead-letter queue and are acknowledged — retrying them would only block the shard. Everything else goes
 * through `processBatch` at once (batch-wide I/O instead of per-record calls); Powertools' BatchProcessor then
 * turns the outcomes into `batchItemFailures`, its record handler throwing for the records that failed.
 */
export function createKinesisConsumer<T>(options: KinesisConsumerOptions<T>): KinesisHandler {
  const { schema, processBatch, deadLetters, logger, metrics } = options;
  const now = options.now ?? (() => new Date());
  const processor = new BatchProcessor(EventType.KinesisDataStreams);

  async function deadLetter(undecodable: UndecodableRecord[], functionName: string): Promise<Map<string, string>> {
    const failedLetters = await deadLetters.write(undecodable.map((u) => deadLetterFor(u, functionName, now())));
    return new Map(
      failedLetters.map(({ letter, errorCode }) => [letter.source.sequenceNumber, `dead-letter write failed: ${errorCode}`]),
    );
  }

  async function runBatchStep(valid: Array<StreamRecord<T>>): Promise<BatchStepResult> {
    if (valid.length === 0) return { failures: new Map() };
    try {
      return await processBatch(valid);
    } catch (error) {
      logger.error('Batch step threw; failing all valid records', error instanceof Error ? error : String(error));
      return { failures: new Map(valid.map((record) => [record.sequenceNumber, 'batch step threw'])) };
    }
  }

  /** Only called when something failed: with nothing failed the answer is known without walking every record again. */
  async function partialResponse(
    event: KinesisStreamEvent,
    failures: ReadonlyMap<string, string>,
    context: Context,
  ): Promise<KinesisStreamBatchResponse> {
    const recordHandler = (record: KinesisStreamRecord): void => {
      const reason = failures.get(record.kinesis.sequenceNumber);
      if (reason !== undefined) throw new Error(reason);
    };
    // A fully failed batch is reported like a partial one (not thrown), so retries start at the first record
    // either way and a failed write is not counted as a function error.
    return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  }

  return async (event, context) => {
    const valid: Array<StreamRecord<T>> = [];
    const undecodable: UndecodableRecord[] = [];
    for (const record of event.Records) {
      const result = decodeKinesisRecord(record, schema);
      if (result.ok) valid.push(result.value);
      else undecodable.push(result);
    }
    if (undecodable.length > 0) {
      logger.warn('Dead-lettering undecodable records', {
        records: undecodable.map(({ record, reason }) => ({ sequenceNumber: record.kinesis.sequenceNumber, reason })),
      });
    }

    const [deadLetterFailures, step] = await Promise.all([
      deadLetter(undecodable, context.functionName),
      runBatchStep(valid),
    ]);
    const failures = failLaterRecordsOfFailedKeys(event.Records, new Map([...step.failures, ...deadLetterFailures]));

    const response = failures.size === 0 ? { batchItemFailures: [] } : await partialResponse(event, failures, context);

    const summary = {
      records: event.Records.length,
      valid: valid.length,
      deadLettered: undecodable.length - deadLetterFailures.size,
      failed: failures.size,
      ...step.summary,
    };
    logger.info('Kinesis batch processed', summary);
    if (metrics) recordBatchMetrics(metrics, summary);
    if (failures.size > 0) {
      logger.warn('Records reported as failed; Lambda redelivers from the lowest', {
        failures: [...failures].slice(0, MAX_LOGGED_FAILURES).map(([sequenceNumber, reason]) => ({ sequenceNumber, reason })),
      });
    }
    return response;
  };
}
