// Unit tests: the session batch step with in-memory store and archive (per-session failure units).
import type { ArchiveEntry, EventArchive } from '../../../../shared/events/archive';
import { createSessionBatchStep, type ClickstreamStreamRecord } from '../../../../shared/clickstream/session-batch';
import type { SessionState } from '../../../../shared/clickstream/session-state';
import type { SessionStore, SessionWriteOutcome } from '../../../../shared/clickstream/session-store';
import { clickRecord, uuid } from '../fixtures/clickstream';

/** An in-memory SessionStore; sessions listed in `failing` fail their write. */
function memoryStore(failing: string[] = []) {
  const states = new Map<string, SessionState>();
  const store: SessionStore = {
    update(updates) {
      const outcomes = new Map<string, SessionWriteOutcome>();
      for (const { sessionId, apply } of updates) {
        if (failing.includes(sessionId)) {
          outcomes.set(sessionId, { status: 'failed', errorCode: 'ProvisionedThroughputExceededException', errorMessage: 'x' });
          continue;
        }
        const next = apply(states.get(sessionId));
        if (next !== 'unchanged') states.set(sessionId, next);
        outcomes.set(sessionId, { status: next === 'unchanged' ? 'unchanged' : 'written' });
      }
      return Promise.resolve(outcomes);
    },
  };
  return { store, states };
}

function memoryArchive(failingIds: string[] = []) {
  const appended: ArchiveEntry[] = [];
  const archive: EventArchive = {
    append(entries) {
      appended.push(...entries);
      const failed = entries.filter((e) => failingIds.includes(e.id));
      return Promise.resolve(failed.map((e) => ({ id: e.id, errorCode: 'ServiceUnavailableException' })));
    },
  };
  return { archive, appended };
}

const streamRecord = (seq: number, sessionId: string): ClickstreamStreamRecord => ({
  shardId: 'shardId-000000000000',
  sequenceNumber: String(seq),
  payload: clickRecord({ eventId: uuid(seq), sessionId }),
});

describe('session batch step', () => {
  const batch = [streamRecord(1, 'a'), streamRecord(2, 'b'), streamRecord(3, 'a'), streamRecord(4, 'c')];

  it('writes each session once and archives every event in stream order', async () => {
    const { store, states } = memoryStore();
    const { archive, appended } = memoryArchive();
    const step = createSessionBatchStep({ sessions: store, archive, ttlDays: 30 });

    const result = await step(batch);

    expect(result.failures.size).toBe(0);
    expect(states.get('a')?.eventCount).toBe(2);
    expect(appended.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(appended[0]?.event).toEqual(batch[0]?.payload);
    expect(result.summary).toEqual({ sessions: 3, sessionsWritten: 3, sessionsUnchanged: 0, sessionsFailed: 0, archived: 4 });
  });

  it('fails all records of a session whose write failed, and does not archive them', async () => {
    const { store } = memoryStore(['a']);
    const { archive, appended } = memoryArchive();
    const result = await createSessionBatchStep({ sessions: store, archive, ttlDays: 30 })(batch);

    expect([...result.failures.keys()]).toEqual(['1', '3']);
    expect(result.failures.get('1')).toBe('session write failed: ProvisionedThroughputExceededException');
    expect(appended.map((e) => e.id)).toEqual(['2', '4']);
  });

  it('fails records the archive could not take, after their session was stored', async () => {
    const { store, states } = memoryStore();
    const { archive } = memoryArchive(['2']);
    const result = await createSessionBatchStep({ sessions: store, archive, ttlDays: 30 })(batch);

    expect([...result.failures]).toEqual([['2', 'archive failed: ServiceUnavailableException']]);
    expect(states.get('b')?.eventCount).toBe(1);
  });

  it('leaves sessions unchanged on redelivery', async () => {
    const { store } = memoryStore();
    const { archive } = memoryArchive();
    const step = createSessionBatchStep({ sessions: store, archive, ttlDays: 30 });
    await step(batch);
    const again = await step(batch);
    expect(again.summary).toMatchObject({ sessionsWritten: 0, sessionsUnchanged: 3 });
  });
});
