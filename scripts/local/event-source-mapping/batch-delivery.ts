// Delivers one batch to the function until every record is processed or discarded: retries, record age,
// ReportBatchItemFailures, BisectBatchOnFunctionError and the OnFailure destination (§1.4–1.7 of the AWS notes).
import type { FunctionInvoker, InvokeOutcome } from '../types';
import type { Clock } from './clock';
import { interpretBatchResponse } from './batch-response';
import { kinesisEvent, type ShardRecord } from './kinesis-event';
import type { KinesisMappingConfig } from './mapping-config';
import type { MappingLogger } from './mapping-logger';
import { buildKinesisOnFailureRecord, type DiscardReason, type OnFailureDestination } from './on-failure';
import type { ShardCounters } from './shard-stats';

export interface DeliveryContext {
  config: KinesisMappingConfig;
  shardId: string;
  invoker: FunctionInvoker;
  onFailure?: OnFailureDestination;
  clock: Clock;
  /** Aborted by stop(): the invocation in flight finishes, nothing new starts, unsettled records stay unsettled. */
  stopSignal: AbortSignal;
  retryDelayMs(failedAttempts: number): number;
  newRequestId(): string;
  logger: MappingLogger;
  counters: ShardCounters;
  /** Records processed or discarded: the shard's checkpoint may pass them. */
  settle(records: readonly ShardRecord[]): void;
}

type Attempt =
  | { kind: 'success' }
  /** ReportBatchItemFailures named records; `failedFrom` indexes the lowest one in the invoked records. */
  | { kind: 'partial'; failedFrom: number }
  | { kind: 'failed'; functionError: 'Unhandled' | null }
  /** The invoke call itself failed (throttle, service error): the function never ran. */
  | { kind: 'not-invoked'; reason: string };

/**
 * The retry budget of a run of attempts on the same records: MaximumRetryAttempts failed retries after the
 * first attempt, so 1 + MaximumRetryAttempts invocations in all (OBS: Max=2 gave approximateInvokeCount 3).
 */
class RetryBudget {
  invocations = 0;
  failures = 0;

  constructor(private readonly maximumRetryAttempts: number) {}

  /** Counts a failed attempt; false when no retry is left. */
  recordFailure(): boolean {
    this.failures++;
    return this.maximumRetryAttempts === -1 || this.failures <= this.maximumRetryAttempts;
  }
}

export class BatchDelivery {
  constructor(private readonly context: DeliveryContext) {}

  /**
   * The shard (or, with ParallelizationFactor, this batch's partition keys) stays blocked until this resolves:
   * records after a failing batch are not delivered before it [LK22].
   */
  async deliver(batch: readonly ShardRecord[], alreadyInvoked = false): Promise<void> {
    const { config } = this.context;
    let pending = batch;
    let budget = new RetryBudget(config.maximumRetryAttempts);
    let isRetry = alreadyInvoked;
    let invokeErrorsInARow = 0;

    while (pending.length > 0 && !this.stopped) {
      // Record age is checked per record before every attempt; expired records are split off and the rest is
      // still delivered (OBS: 6 put, 1 expired, 5 delivered) [LSS].
      pending = await this.discardExpiredRecords(pending);
      if (pending.length === 0) return;

      const attempt = await this.invoke(pending, isRetry);
      if (attempt.kind === 'not-invoked') {
        // Errors before the function runs do not count as retries; only record age ends them [LKF][LK22].
        this.context.logger.warn('Invoke failed before the function ran; retrying', {
          shardId: this.context.shardId,
          reason: attempt.reason,
        });
        await this.pause(++invokeErrorsInARow);
        continue;
      }
      invokeErrorsInARow = 0;
      isRetry = true;
      budget.invocations++;

      if (attempt.kind === 'success') {
        this.processed(pending);
        return;
      }
      if (attempt.kind === 'partial' && attempt.failedFrom > 0) {
        // Checkpoint before the lowest failed record and retry from it. A partial response that moves the
        // checkpoint starts a new retry budget (OBS [LSS]: the failed record got 1 + Max more invocations).
        this.processed(pending.slice(0, attempt.failedFrom));
        pending = pending.slice(attempt.failedFrom);
        budget = new RetryBudget(config.maximumRetryAttempts);
        await this.pause(0);
        continue;
      }
      if (attempt.kind === 'failed' && config.bisectBatchOnFunctionError && pending.length > 1) {
        await this.bisect(pending);
        return;
      }
      const functionError = attempt.kind === 'failed' ? attempt.functionError : null;
      if (!budget.recordFailure()) {
        await this.discard(pending, { condition: 'RetryAttemptsExhausted', approximateInvokeCount: budget.invocations, functionError });
        return;
      }
      await this.pause(budget.failures);
    }
  }

  /**
   * BisectBatchOnFunctionError: split in two and deliver each half in order, first half first [LKP][CFN-BIS].
   * AMBIG (depth and retry accounting are undocumented), chosen here: a split is not a retry, each half starts a
   * fresh budget, and halves are split again on failure down to single records, which then use the normal budget
   * (1 + MaximumRetryAttempts invocations) before they are discarded, each with its own OnFailure record.
   */
  private async bisect(records: readonly ShardRecord[]): Promise<void> {
    this.context.counters.bisections++;
    const middle = Math.ceil(records.length / 2);
    await this.deliver(records.slice(0, middle), true);
    await this.deliver(records.slice(middle), true);
  }

  private async invoke(records: readonly ShardRecord[], isRetry: boolean): Promise<Attempt> {
    const { counters, clock } = this.context;
    const outcome = await this.callFunction(records);
    if (outcome.kind === 'not-invoked') return outcome;
    counters.invocations++;
    if (isRetry) counters.retries++;
    const newest = records[records.length - 1];
    if (newest !== undefined) counters.iteratorAgeMs = Math.max(0, clock.now() - newest.arrivalMs);

    const attempt = this.judge(outcome, records);
    if (attempt.kind !== 'success') counters.failedInvocations++;
    return attempt;
  }

  /** The Invoke call; an exception means the call itself failed, not the function. */
  private async callFunction(records: readonly ShardRecord[]): Promise<InvokeOutcome | Extract<Attempt, { kind: 'not-invoked' }>> {
    try {
      return await this.context.invoker.invoke(this.context.config.functionName, kinesisEvent(records));
    } catch (error) {
      return { kind: 'not-invoked', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  private judge(outcome: InvokeOutcome, records: readonly ShardRecord[]): Attempt {
    // Node.js handlers report thrown errors and timeouts as "Unhandled".
    if (outcome.kind === 'function-error') return { kind: 'failed', functionError: 'Unhandled' };
    // Without the ReportBatchItemFailures flag the response body is ignored [LKP].
    if (!this.context.config.reportBatchItemFailures) return { kind: 'success' };

    const verdict = interpretBatchResponse(outcome.payload, new Set(records.map((record) => record.sequenceNumber)));
    if (verdict.kind === 'success') return verdict;
    if (verdict.kind === 'invalid') {
      this.context.logger.warn('Unusable batchItemFailures response; the whole batch failed', {
        shardId: this.context.shardId,
        reason: verdict.reason,
      });
      return { kind: 'failed', functionError: null };
    }
    const failedFrom = records.findIndex((record) => record.sequenceNumber === verdict.lowestFailedSequenceNumber);
    return { kind: 'partial', failedFrom };
  }

  private async discardExpiredRecords(records: readonly ShardRecord[]): Promise<readonly ShardRecord[]> {
    const maximumAgeSeconds = this.context.config.maximumRecordAgeSeconds;
    if (maximumAgeSeconds === -1) return records;
    const oldestAllowed = this.context.clock.now() - maximumAgeSeconds * 1000;
    const expired = records.filter((record) => record.arrivalMs < oldestAllowed);
    if (expired.length === 0) return records;
    await this.discard(expired, { condition: 'RecordAgeExceeded' });
    return records.filter((record) => record.arrivalMs >= oldestAllowed);
  }

  private processed(records: readonly ShardRecord[]): void {
    this.context.counters.recordsDelivered += records.length;
    this.context.settle(records);
  }

  /** Sends the OnFailure record, then lets the checkpoint pass the records: the shard moves on [LK22]. */
  private async discard(records: readonly ShardRecord[], reason: DiscardReason): Promise<void> {
    const { config, counters, logger, shardId } = this.context;
    logger.warn(`Discarding ${records.length} record(s): ${reason.condition}`, {
      shardId,
      startSequenceNumber: records[0]?.sequenceNumber,
      endSequenceNumber: records[records.length - 1]?.sequenceNumber,
    });
    if (config.onFailureDestinationArn !== undefined) await this.sendOnFailureRecord(config.onFailureDestinationArn, records, reason);
    counters.recordsDiscarded += records.length;
    this.context.settle(records);
  }

  private async sendOnFailureRecord(destinationArn: string, records: readonly ShardRecord[], reason: DiscardReason): Promise<void> {
    const { config, counters, clock, logger, onFailure, shardId } = this.context;
    const message = JSON.stringify(
      buildKinesisOnFailureRecord({
        requestId: this.context.newRequestId(),
        functionArn: config.functionArn,
        streamArn: config.streamArn,
        shardId,
        records,
        reason,
        discardedAt: new Date(clock.now()),
      }),
    );
    for (let attempt = 1; onFailure !== undefined; attempt++) {
      try {
        await onFailure.send(destinationArn, message);
        counters.onFailureRecordsSent++;
        return;
      } catch (error) {
        if (attempt >= 3) {
          counters.onFailureSendErrors++;
          logger.error('Could not send the OnFailure record; the records are lost', {
            shardId,
            destinationArn,
            message,
            error: String(error),
          });
          return;
        }
        await clock.sleep(this.context.retryDelayMs(attempt));
      }
    }
  }

  private pause(failedAttempts: number): Promise<void> {
    return this.context.clock.sleep(this.context.retryDelayMs(failedAttempts), this.context.stopSignal);
  }

  private get stopped(): boolean {
    return this.context.stopSignal.aborted;
  }
}
