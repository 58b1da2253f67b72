// Fault hooks for tests: the next N calls of an operation fail with a chosen AWS error code.
import { ServiceError } from './service-error';

export interface VideoFaults {
  /**
   * The next `count` calls of `operation` (e.g. "DetectLabels", "GetImages", "PutMedia") answer `errorCode`
   * (ThrottlingException, ProvisionedThroughputExceededException, InternalServerError, ClientLimitExceededException, ...).
   * Faults queue up in the order they are added. SDK clients retry throttling and 5xx by default: a test that wants
   * the caller to see the error either sets maxAttempts 1 or queues as many faults as the client makes attempts.
   */
  failNext(operation: string, count: number, errorCode: string): void;
  /** How many injected failures of `operation` are still waiting. */
  pending(operation: string): number;
  clear(): void;
}

export class FaultQueue implements VideoFaults {
  private readonly queues = new Map<string, string[]>();

  failNext(operation: string, count: number, errorCode: string): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`failNext(${operation}): count must be a positive integer, got ${count}`);
    const queue = this.queues.get(operation) ?? [];
    for (let index = 0; index < count; index += 1) queue.push(errorCode);
    this.queues.set(operation, queue);
  }

  pending(operation: string): number {
    return this.queues.get(operation)?.length ?? 0;
  }

  clear(): void {
    this.queues.clear();
  }

  /** Throws the next injected failure for this operation, if one is queued. */
  throwIfFaulted(operation: string): void {
    const code = this.queues.get(operation)?.shift();
    if (code !== undefined) throw new ServiceError(code, `Injected fault: ${operation} failed with ${code} (faults.failNext)`);
  }
}
