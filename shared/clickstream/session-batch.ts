// The clickstream consumer's batch step: update each session once, then archive the events; reports failed records.
import type { EventArchive } from '../events/archive';
import type { ClickstreamRecord } from '../events/clickstream';
import type { SessionStore, SessionWriteOutcome } from './session-store';
import { applyEvents } from './sessions';

/** A validated stream record, as the generic Kinesis consumer hands it over. */
export interface ClickstreamStreamRecord {
  shardId: string;
  sequenceNumber: string;
  payload: ClickstreamRecord;
}

export interface BatchStepResult {
  /** Sequence number → why the record failed; Lambda will redeliver from the lowest one. */
  failures: Map<string, string>;
  summary: Record<string, number>;
}

export interface SessionBatchDependencies {
  sessions: SessionStore;
  archive: EventArchive;
  ttlDays: number;
}

function groupBySession(records: readonly ClickstreamStreamRecord[]): Map<string, ClickstreamStreamRecord[]> {
  const groups = new Map<string, ClickstreamStreamRecord[]>();
  for (const record of records) {
    const group = groups.get(record.payload.sessionId);
    if (group === undefined) groups.set(record.payload.sessionId, [record]);
    else group.push(record);
  }
  return groups;
}

function countOutcomes(outcomes: ReadonlyMap<string, SessionWriteOutcome>): Record<string, number> {
  const counts = { sessionsWritten: 0, sessionsUnchanged: 0, sessionsFailed: 0 };
  for (const outcome of outcomes.values()) {
    if (outcome.status === 'written') counts.sessionsWritten += 1;
    else if (outcome.status === 'unchanged') counts.sessionsUnchanged += 1;
    else counts.sessionsFailed += 1;
  }
  return counts;
}

/**
 * One write per session covers all of that session's records in the batch, so they succeed or fail together.
 * That matters for the sequence-number dedupe: if a later record of a session were stored while an earlier one
 * failed, the retry would skip the earlier one as "already applied". Events are archived only for sessions
 * whose write did not fail (those records are redelivered anyway), and archiving is at-least-once: a record
 * redelivered after it was archived is archived again, with the same `eventId` for deduplication in queries.
 */
export function createSessionBatchStep(
  dependencies: SessionBatchDependencies,
): (records: readonly ClickstreamStreamRecord[]) => Promise<BatchStepResult> {
  const { sessions, archive, ttlDays } = dependencies;
  return async (records: readonly ClickstreamStreamRecord[]): Promise<BatchStepResult> => {
    const groups = groupBySession(records);
    const outcomes = await sessions.update(
      [...groups].map(([sessionId, group]) => ({
        sessionId,
        apply: (current) =>
          applyEvents(
            current,
            group.map(({ shardId, sequenceNumber, payload }) => ({ shardId, sequenceNumber, event: payload })),
            ttlDays,
          ),
      })),
    );

    const failures = new Map<string, string>();
    const archivable: ClickstreamStreamRecord[] = [];
    for (const record of records) {
      const outcome = outcomes.get(record.payload.sessionId);
      if (outcome === undefined || outcome.status === 'failed') {
        failures.set(record.sequenceNumber, `session write failed: ${outcome?.errorCode ?? 'no outcome'}`);
      } else {
        archivable.push(record);
      }
    }

    const archiveFailures = await archive.append(
      archivable.map((record) => ({ id: record.sequenceNumber, event: record.payload })),
    );
    for (const failure of archiveFailures) failures.set(failure.id, `archive failed: ${failure.errorCode}`);

    return {
      failures,
      summary: {
        sessions: groups.size,
        ...countOutcomes(outcomes),
        archived: archivable.length - archiveFailures.length,
      },
    };
  };
}
