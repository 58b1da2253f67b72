// Test doubles: in-memory DeviceStore, AlertStore and EventArchive that record the order of calls.
import type { Alert, AlertStore } from '../../../../shared/alerts/alert';
import type { ArchiveEntry, ArchiveFailure, EventArchive } from '../../../../shared/events/archive';
import type { DeviceStore, StoredDevice } from '../../../../shared/iot/device-store';
import type { DeviceHeartbeat } from '../../../../shared/iot/rule-evaluation';

export function memoryDeviceStore(log: string[] = []) {
  const items = new Map<string, StoredDevice>();
  const store: DeviceStore = {
    readMany(deviceIds) {
      log.push(`readMany ${deviceIds.join(',')}`);
      return Promise.resolve(new Map(deviceIds.map((id) => [id, { ok: true, device: structuredClone(items.get(id)) }])));
    },
    read(deviceId) {
      log.push(`read ${deviceId}`);
      return Promise.resolve(structuredClone(items.get(deviceId)));
    },
    writeIfVersion(state, expectedVersion) {
      log.push(`write ${state.deviceId}`);
      if (items.get(state.deviceId)?.version !== expectedVersion) return Promise.resolve('conflict');
      items.set(state.deviceId, { state: structuredClone(state), version: (expectedVersion ?? 0) + 1 });
      return Promise.resolve('written');
    },
    async *scanHeartbeats(): AsyncGenerator<DeviceHeartbeat[]> {
      await Promise.resolve();
      yield [...items.values()].map(({ state }) => ({ deviceId: state.deviceId, deviceType: state.deviceType, lastSeenAt: state.lastSeenAt }));
    },
  };
  return { store, items };
}

export function memoryAlertStore(log: string[] = []) {
  const items = new Map<string, Alert>();
  /** Entity ids whose next raise fails, as a throttled or denied PutItem would. */
  const failing = new Set<string>();
  const store: AlertStore = {
    raise(alerts) {
      log.push(`raise ${alerts.map((alert) => alert.alertId).join(',')}`);
      if (alerts.some((alert) => failing.has(alert.entityId))) {
        return Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
      }
      const fresh = alerts.filter((alert) => !items.has(`${alert.entityId}|${alert.alertId}`));
      for (const alert of fresh) items.set(`${alert.entityId}|${alert.alertId}`, alert);
      return Promise.resolve(fresh);
    },
    listByEntity(entityId, { status, limit } = {}) {
      const matching = [...items.values()]
        .filter((alert) => alert.entityId === entityId && (status === undefined || alert.status === status))
        .sort((a, b) => b.alertId.localeCompare(a.alertId));
      return Promise.resolve(matching.slice(0, limit));
    },
  };
  return { store, items, failing };
}

export function memoryArchive() {
  const entries: ArchiveEntry[] = [];
  /** Ids (stream sequence numbers) whose append fails. */
  const failing = new Set<string>();
  const archive: EventArchive = {
    append(batch) {
      const failures: ArchiveFailure[] = batch
        .filter((entry) => failing.has(entry.id))
        .map((entry) => ({ id: entry.id, errorCode: 'ServiceUnavailableException' }));
      entries.push(...batch.filter((entry) => !failing.has(entry.id)));
      return Promise.resolve(failures);
    },
  };
  return { archive, entries, failing };
}
