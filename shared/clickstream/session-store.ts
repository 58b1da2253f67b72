// Port for session persistence: the consumer depends on this; shared/aws/dynamodb-session-store.ts implements it.
import type { SessionState } from './session-state';
import type { Unchanged } from './sessions';

export interface SessionUpdate {
  sessionId: string;
  /** Pure and idempotent (see applyEvents); the store may call it again with fresh state after a write conflict. */
  apply: (current: SessionState | undefined) => SessionState | Unchanged;
}

export type SessionWriteOutcome =
  | { status: 'written' }
  | { status: 'unchanged' }
  | { status: 'failed'; errorCode: string; errorMessage: string };

export interface SessionStore {
  /**
   * Applies each session's update as one unit: either the whole new state is stored or nothing is. One
   * outcome per sessionId; a failure of one session never fails the others, and the method does not throw for it.
   */
  update(updates: readonly SessionUpdate[]): Promise<ReadonlyMap<string, SessionWriteOutcome>>;
}
