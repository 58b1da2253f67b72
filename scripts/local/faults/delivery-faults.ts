// Duplicate and out-of-order deliveries between the event-source mappings and the functions: at-least-once, on purpose.
import type { FunctionInvoker, InvokeOutcome } from '../types';
import { seededRandom, type SeededRandom } from './seeded-random';

export interface DeliveryFaultPlan {
  /** Share of successful deliveries delivered once more, right away (a response lost on the way back to Lambda). */
  duplicate?: number;
  /** Share of deliveries followed by a redelivery of an OLDER batch of the same function (a stale poller catching up). */
  replayOlder?: number;
}

export interface DeliveryCounters {
  deliveries: number;
  duplicates: number;
  olderReplays: number;
}

/** A batch as the mapping delivered it, for tests that look at what the functions were given. */
export interface DeliveredBatch {
  functionName: string;
  event: unknown;
}

export interface DeliveryFaultInvoker extends FunctionInvoker {
  configure(plan: DeliveryFaultPlan): void;
  counters(): DeliveryCounters;
  /** Every first delivery since the start or forgetDelivered(), oldest first. */
  delivered(): readonly DeliveredBatch[];
  forgetDelivered(): void;
}

/** First deliveries kept for delivered(); a test's scenario stays far below it. */
const DELIVERY_LOG_LIMIT = 10_000;

/** Batches kept per function to replay from: enough for "older" to reach well back. */
const REPLAY_HISTORY = 200;

/**
 * The mapping sees only the outcome of the real delivery; the extra deliveries' outcomes are dropped, as Lambda
 * drops the answer of an invocation it has already given up on. Records keep their sequence numbers, so a consumer
 * that is idempotent per stream record must leave its aggregates as they were.
 */
export function createDeliveryFaultInvoker(inner: FunctionInvoker, seed: number): DeliveryFaultInvoker {
  const random: SeededRandom = seededRandom(seed);
  let plan: DeliveryFaultPlan = {};
  const counters: DeliveryCounters = { deliveries: 0, duplicates: 0, olderReplays: 0 };
  let log: DeliveredBatch[] = [];
  const history = new Map<string, unknown[]>();

  const remember = (functionName: string, event: unknown): void => {
    const batches = history.get(functionName) ?? [];
    batches.push(event);
    if (batches.length > REPLAY_HISTORY) batches.shift();
    history.set(functionName, batches);
  };

  async function invoke(functionName: string, event: unknown): Promise<InvokeOutcome> {
    const olderBatches = history.get(functionName) ?? [];
    const older = olderBatches.length > 0 && random.chance(plan.replayOlder ?? 0) ? olderBatches[random.below(olderBatches.length)] : undefined;
    counters.deliveries++;
    log.push({ functionName, event });
    if (log.length > DELIVERY_LOG_LIMIT) log.shift();
    const outcome = await inner.invoke(functionName, event);
    remember(functionName, event);
    if (outcome.kind === 'ok' && random.chance(plan.duplicate ?? 0)) {
      counters.duplicates++;
      await inner.invoke(functionName, event).catch(() => undefined);
    }
    if (older !== undefined) {
      counters.olderReplays++;
      await inner.invoke(functionName, older).catch(() => undefined);
    }
    return outcome;
  }

  return {
    invoke,
    configure: (next) => {
      plan = next;
    },
    forgetDelivered: () => {
      log = [];
    },
    counters: () => ({ ...counters }),
    delivered: () => log,
  };
}
