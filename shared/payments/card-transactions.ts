// Applies a card's delivered transactions in stream order: score each against the profile before it, then fold it in.
import type { TransactionRecord } from '../events/payments';
import { compactEventId, wasRecentlyApplied, withAppliedEventId } from '../streams/recent-event-ids';
import { inShardSequenceOrder, isAlreadyApplied, withAppliedPosition, type ShardPosition } from '../streams/shard-sequence';
import { emptyCardProfile, RECENT_TRANSACTION_IDS_PER_CARD, updateProfile, type CardProfile } from './card-profile';
import type { FraudConfig } from './fraud-config';
import { scoreTransaction, type TransactionScore } from './scoring';

/** A transaction with its position in the stream; the position is what makes re-applying it a no-op. */
export interface SequencedTransaction extends ShardPosition {
  payload: TransactionRecord;
}

export interface ScoredTransaction<R extends SequencedTransaction = SequencedTransaction> {
  record: R;
  score: TransactionScore;
}

export interface CardTransactionsOutcome<R extends SequencedTransaction> {
  /** The next profile, or 'unchanged' when every record had been applied before (nothing to write). */
  profile: CardProfile | 'unchanged';
  /** One score per newly applied record, in the order applied. */
  scored: Array<ScoredTransaction<R>>;
  /** Records skipped because the profile already contains them (redelivery). */
  replayed: number;
  /** Records skipped because the profile recently applied their transactionId (a client's resend). */
  resent: number;
}

/**
 * Applies the records of ONE card. A record at or below the highest sequence number already applied for its
 * shard is skipped, so a redelivered batch changes neither the profile nor the scores. That holds because the
 * partition key is the card id: a card's records land on one shard (per stream generation), in order.
 * A client's resend (a new record, the same transactionId) is skipped the same way, unscored and without a
 * decision or alert, while fewer than RECENT_TRANSACTION_IDS_PER_CARD other transactions of the card were
 * applied in between.
 * Each new record is scored against the profile as it was just before it, so two transactions of one batch
 * see each other exactly as they would have if they had arrived in separate batches.
 */
export function applyCardTransactions<R extends SequencedTransaction>(
  current: CardProfile | undefined,
  cardId: string,
  records: readonly R[],
  config: FraudConfig,
): CardTransactionsOutcome<R> {
  let profile = current ?? emptyCardProfile(cardId);
  const scored: Array<ScoredTransaction<R>> = [];
  let replayed = 0;
  let resent = 0;
  for (const record of inShardSequenceOrder(records)) {
    if (isAlreadyApplied(profile.lastSequenceByShard, record)) {
      replayed += 1;
      continue;
    }
    const transactionId = compactEventId(record.payload.transactionId);
    // Its sequence number need not be kept: any transaction that pushes the id out of the list comes later in the shard.
    if (wasRecentlyApplied(profile.recentTransactionIds, transactionId)) {
      resent += 1;
      continue;
    }
    scored.push({ record, score: scoreTransaction(profile, record.payload, config) });
    const next = updateProfile(profile, record.payload, config); // a new object
    next.lastSequenceByShard = withAppliedPosition(profile.lastSequenceByShard, record);
    next.recentTransactionIds = withAppliedEventId(profile.recentTransactionIds, transactionId, RECENT_TRANSACTION_IDS_PER_CARD);
    profile = next;
  }
  return { profile: scored.length === 0 ? 'unchanged' : profile, scored, replayed, resent };
}
