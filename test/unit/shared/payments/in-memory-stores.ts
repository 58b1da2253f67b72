// In-memory fakes of the ports the scoring step uses: card profiles, alerts (deduplicated like DynamoDB) and the archive.
import type { Alert, AlertStore } from '../../../../shared/alerts/alert';
import type { ArchiveEntry, EventArchive } from '../../../../shared/events/archive';
import type { CardProfile } from '../../../../shared/payments/card-profile';
import type { CardProfileRead, CardProfileStore, CardProfileWriteOutcome } from '../../../../shared/payments/card-profile-store';

const failure = (errorCode: string) => ({ errorCode, errorMessage: `${errorCode} (injected)` });

/** Cards in `failingReads` / `failingWrites` fail that step (the sets can be changed between calls). */
export function memoryCardProfileStore() {
  const profiles = new Map<string, CardProfile>();
  const failingReads = new Set<string>();
  const failingWrites = new Set<string>();
  let writes = 0;
  const store: CardProfileStore = {
    read(cardIds) {
      return Promise.resolve(
        new Map(
          cardIds.map((cardId): [string, CardProfileRead] =>
            failingReads.has(cardId)
              ? [cardId, { ok: false, ...failure('ProvisionedThroughputExceededException') }]
              : [cardId, { ok: true, profile: structuredClone(profiles.get(cardId)) }],
          ),
        ),
      );
    },
    update(updates) {
      const outcomes = new Map<string, CardProfileWriteOutcome>();
      for (const { cardId, apply } of updates) {
        if (failingWrites.has(cardId)) {
          outcomes.set(cardId, { status: 'failed', ...failure('ConditionalCheckFailedException') });
          continue;
        }
        const next = apply(structuredClone(profiles.get(cardId)));
        if (next !== 'unchanged') {
          profiles.set(cardId, next);
          writes += 1;
        }
        outcomes.set(cardId, { status: next === 'unchanged' ? 'unchanged' : 'written' });
      }
      return Promise.resolve(outcomes);
    },
  };
  return { store, profiles, failingReads, failingWrites, writes: () => writes };
}

/** Writes each (entityId, alertId) once, like the DynamoDB adapter's attribute_not_exists condition. */
export function memoryAlertStore() {
  const alerts = new Map<string, Alert>();
  const failingEntities = new Set<string>();
  const key = (alert: Pick<Alert, 'entityId' | 'alertId'>) => `${alert.entityId}|${alert.alertId}`;
  const store: AlertStore = {
    raise(toRaise) {
      if (toRaise.some((alert) => failingEntities.has(alert.entityId))) {
        return Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
      }
      const fresh = toRaise.filter((alert) => !alerts.has(key(alert)));
      for (const alert of fresh) alerts.set(key(alert), alert);
      return Promise.resolve(fresh);
    },
    listByEntity(entityId, options = {}) {
      const listed = [...alerts.values()]
        .filter((alert) => alert.entityId === entityId && (options.status === undefined || alert.status === options.status))
        .sort((a, b) => b.alertId.localeCompare(a.alertId));
      return Promise.resolve(listed.slice(0, options.limit ?? listed.length));
    },
  };
  return { store, alerts, failingEntities };
}

/** Entries whose id is in `failingIds` are reported as failed (after being "attempted"). */
export function memoryArchive() {
  const appended: ArchiveEntry[] = [];
  const failingIds = new Set<string>();
  const archive: EventArchive = {
    append(entries) {
      appended.push(...entries.filter((entry) => !failingIds.has(entry.id)));
      return Promise.resolve(
        entries.filter((entry) => failingIds.has(entry.id)).map((entry) => ({ id: entry.id, errorCode: 'ServiceUnavailableException' })),
      );
    },
  };
  return { archive, appended, failingIds };
}
