// The scoring consumer's batch step: score each card's new transactions, raise alerts, archive decisions, then store the profile.
import type { Alert, AlertStore } from '../alerts/alert';
import { mapWithConcurrency } from '../batching/concurrency';
import type { EventArchive } from '../events/archive';
import { isoUtcMillis } from '../events/iso-utc';
import type { TransactionRecord } from '../events/payments';
import type { BatchStepResult } from '../lambda/kinesis-consumer';
import type { StreamRecord } from '../lambda/kinesis-records';
import type { CardProfile } from './card-profile';
import type { CardProfileStore } from './card-profile-store';
import { applyCardTransactions, type CardTransactionsOutcome, type ScoredTransaction } from './card-transactions';
import { DEFAULT_FRAUD_CONFIG, fraudConfigProblems, type FraudConfig } from './fraud-config';
import { toDecisionRecord, toFraudAlert } from './fraud-outputs';

export type TransactionStreamRecord = StreamRecord<TransactionRecord>;
type Scored = ScoredTransaction<TransactionStreamRecord>;
/** A card's outcome and the read it was computed from (what the profile write is conditioned on). */
interface Evaluation extends CardTransactionsOutcome<TransactionStreamRecord> {
  basis: { profile: CardProfile | undefined; version?: number };
}

export interface CardScoringDependencies {
  profiles: CardProfileStore;
  alerts: AlertStore;
  /** Firehose delivery stream of decisions, one per scored transaction. */
  decisions: EventArchive;
  alertTtlDays: number;
  config?: FraudConfig;
  /** Parallel AlertStore calls (one per card with alerts). */
  alertConcurrency?: number;
  now?: () => Date;
}

export type CardScoringBatchStep = (records: readonly TransactionStreamRecord[]) => Promise<BatchStepResult>;

/** Card id → reason its records failed; every record of such a card is reported, so its profile write and effects retry together. */
type CardFailures = Map<string, string>;

function groupByCard(records: readonly TransactionStreamRecord[]): Map<string, TransactionStreamRecord[]> {
  const groups = new Map<string, TransactionStreamRecord[]>();
  for (const record of records) {
    const group = groups.get(record.payload.cardId);
    if (group === undefined) groups.set(record.payload.cardId, [record]);
    else group.push(record);
  }
  return groups;
}

const errorCodeOf = (error: unknown): string => (error instanceof Error ? error.name : 'UnknownError');

function countDecisions(scored: readonly Scored[]): Record<string, number> {
  const counts = { approved: 0, reviewed: 0, declined: 0 };
  for (const { score } of scored) {
    if (score.decision === 'approve') counts.approved += 1;
    else if (score.decision === 'review') counts.reviewed += 1;
    else counts.declined += 1;
  }
  return counts;
}

/**
 * Event time → decision; the alarm-worthy end-to-end latency of the pipeline (large on purpose during a backfill).
 * Normalised ISO-UTC strings order like the instants they denote, so the earliest event time is found by comparing
 * strings and parsed once.
 */
function maxDecisionLatencyMs(scored: readonly Scored[], decidedAt: string): Record<string, number> {
  const [first, ...rest] = scored;
  if (first === undefined) return {};
  let earliest = first.record.payload.occurredAt;
  for (const { record } of rest) if (record.payload.occurredAt < earliest) earliest = record.payload.occurredAt;
  return { decisionLatencyMaxMs: isoUtcMillis(decidedAt) - isoUtcMillis(earliest) };
}

/**
 * Scores, then effects, then the profile — in that order, because the profile's `lastSequenceByShard` is the
 * commit point: once it is stored, a redelivered transaction is skipped and would never raise its alert or
 * archive its decision again. So alerts and decisions are written first (both idempotent: the alert id is
 * the transaction id, and archived decisions are deduplicated on transactionId downstream), and a card whose
 * effects or profile write failed has all its records reported as failed; the redelivery scores them against
 * the same stored profile, with the same result.
 * Per batch: one batched read to score, then one conditional write per changed card, conditioned on the version
 * that read returned (no second read). If another writer (a replay beside the live consumer) got in between, the
 * store re-reads the card and the update is re-applied to the fresh profile, skipping what that writer applied.
 */
export function createCardScoringBatchStep(dependencies: CardScoringDependencies): CardScoringBatchStep {
  const { profiles, alerts, decisions, alertTtlDays } = dependencies;
  const config = dependencies.config ?? DEFAULT_FRAUD_CONFIG;
  const alertConcurrency = dependencies.alertConcurrency ?? 10;
  const now = dependencies.now ?? (() => new Date());
  const problems = fraudConfigProblems(config);
  if (problems.length > 0) throw new Error(`Invalid fraud configuration: ${problems.join('; ')}`);

  async function evaluate(groups: Map<string, TransactionStreamRecord[]>, failed: CardFailures): Promise<Map<string, Evaluation>> {
    const reads = await profiles.read([...groups.keys()]);
    const evaluations = new Map<string, Evaluation>();
    for (const [cardId, group] of groups) {
      const read = reads.get(cardId);
      if (read === undefined || !read.ok) failed.set(cardId, `profile read failed: ${read?.errorCode ?? 'no result'}`);
      else evaluations.set(cardId, { ...applyCardTransactions(read.profile, cardId, group, config), basis: read });
    }
    return evaluations;
  }

  /** Resolves with the number of alerts newly written; a card whose alerts could not be written is marked failed. */
  async function raiseAlerts(evaluations: Map<string, Evaluation>, detectedAt: string, failed: CardFailures): Promise<number> {
    const alertsByCard = [...evaluations]
      .map(([cardId, { scored }]): [string, Alert[]] => [
        cardId,
        scored.flatMap(({ record, score }) => toFraudAlert(record.payload, score, { detectedAt, ttlDays: alertTtlDays }) ?? []),
      ])
      .filter(([, cardAlerts]) => cardAlerts.length > 0);
    const raised = await mapWithConcurrency(alertsByCard, alertConcurrency, async ([cardId, cardAlerts]) => {
      try {
        return (await alerts.raise(cardAlerts)).length;
      } catch (error) {
        failed.set(cardId, `alert write failed: ${errorCodeOf(error)}`);
        return 0;
      }
    });
    return raised.reduce((sum, count) => sum + count, 0);
  }

  async function archiveDecisions(scored: readonly Scored[], decidedAt: string, failed: CardFailures): Promise<void> {
    if (scored.length === 0) return;
    const cardBySequence = new Map(scored.map(({ record }) => [record.sequenceNumber, record.payload.cardId]));
    const archiveFailures = await decisions.append(
      scored.map(({ record, score }) => ({ id: record.sequenceNumber, event: toDecisionRecord(record.payload, score, decidedAt) })),
    );
    for (const { id, errorCode } of archiveFailures) {
      const cardId = cardBySequence.get(id);
      if (cardId !== undefined) failed.set(cardId, `decision archive failed: ${errorCode}`);
    }
  }

  async function storeProfiles(
    evaluations: Map<string, Evaluation>,
    groups: Map<string, TransactionStreamRecord[]>,
    failed: CardFailures,
  ): Promise<number> {
    const changed = [...evaluations].filter(([cardId, evaluation]) => evaluation.profile !== 'unchanged' && !failed.has(cardId));
    const outcomes = await profiles.update(
      changed.map(([cardId, { basis, profile }]) => ({
        cardId,
        basis,
        // The fold is pure, so for the profile it was computed from the result is already known; only a
        // profile another writer stored in between (a write conflict) is folded again.
        apply: (current) =>
          current === basis.profile ? profile : applyCardTransactions(current, cardId, groups.get(cardId) ?? [], config).profile,
      })),
    );
    let written = 0;
    for (const [cardId] of changed) {
      const outcome = outcomes.get(cardId);
      if (outcome === undefined || outcome.status === 'failed') {
        failed.set(cardId, `profile write failed: ${outcome?.errorCode ?? 'no outcome'}`);
      } else if (outcome.status === 'written') written += 1;
    }
    return written;
  }

  return async (records) => {
    const groups = groupByCard(records);
    const failed: CardFailures = new Map();
    const evaluations = await evaluate(groups, failed);
    const scored = [...evaluations.values()].flatMap((evaluation) => evaluation.scored);
    const decidedAt = now().toISOString();

    const [alertsRaised] = await Promise.all([
      raiseAlerts(evaluations, decidedAt, failed),
      archiveDecisions(scored, decidedAt, failed),
    ]);
    const profilesWritten = await storeProfiles(evaluations, groups, failed);

    const failures = new Map(
      [...failed].flatMap(([cardId, reason]) => (groups.get(cardId) ?? []).map((record) => [record.sequenceNumber, reason] as const)),
    );
    return {
      failures,
      summary: {
        cards: groups.size,
        scored: scored.length,
        replayed: [...evaluations.values()].reduce((sum, evaluation) => sum + evaluation.replayed, 0),
        resent: [...evaluations.values()].reduce((sum, evaluation) => sum + evaluation.resent, 0),
        ...countDecisions(scored),
        alertsRaised,
        profilesWritten,
        cardsFailed: failed.size,
        ...maxDecisionLatencyMs(scored, decidedAt),
      },
    };
  };
}
