// Port for card-profile persistence: the scoring step depends on this; shared/aws/dynamodb-card-profile-store.ts implements it.
import type { CardProfile } from './card-profile';

export type CardProfileRead =
  | {
      ok: true;
      /** Undefined for an unknown card. */
      profile: CardProfile | undefined;
      /** The stored profile's optimistic-concurrency version, for stores that keep one (absent for an unknown card). */
      version?: number;
    }
  | { ok: false; errorCode: string; errorMessage: string };

export interface CardProfileUpdate {
  cardId: string;
  /** Pure and idempotent (see applyCardTransactions); the store calls it again with fresh state after a write conflict. */
  apply: (current: CardProfile | undefined) => CardProfile | 'unchanged';
  /**
   * The successful read this update was computed from: the store then writes conditioned on that read's version
   * and calls `apply` with that very profile, without reading the card again. Without it the store reads first.
   */
  basis?: { profile: CardProfile | undefined; version?: number };
}

export type CardProfileWriteOutcome =
  | { status: 'written' }
  | { status: 'unchanged' }
  | { status: 'failed'; errorCode: string; errorMessage: string };

export interface CardProfileStore {
  /** Strongly consistent; one result per card id (undefined profile = unknown card). Never throws for a single card. */
  read(cardIds: readonly string[]): Promise<ReadonlyMap<string, CardProfileRead>>;
  /**
   * Stores each card's update as one unit, conditional on the version it was computed from. One outcome per
   * card; a failure of one card never fails the others, and the method does not throw for it.
   */
  update(updates: readonly CardProfileUpdate[]): Promise<ReadonlyMap<string, CardProfileWriteOutcome>>;
}
