// The IoT consumer's batch step: per device read → fold readings → raise alerts → conditional write; then archive readings.
import type { AlertStore } from '../alerts/alert';
import { mapWithConcurrency } from '../batching/concurrency';
import type { EventArchive } from '../events/archive';
import type { BatchStepResult } from '../lambda/kinesis-consumer';
import { applyReadings, UNCHANGED, type ReadingCounts, type SequencedReading } from './device-readings';
import type { DeviceRules } from './device-rules';
import type { DeviceRead, DeviceStore, StoredDevice } from './device-store';

export interface TelemetryBatchDependencies {
  devices: DeviceStore;
  alerts: AlertStore;
  archive: EventArchive;
  rules: DeviceRules;
  alertTtlDays: number;
  now?: () => Date;
  /** Devices processed at once. */
  concurrency?: number;
  /** Conditional writes per device, the first included, before repeated version conflicts fail it. */
  maxWriteAttempts?: number;
}

type DeviceOutcome =
  | { status: 'written' | 'unchanged'; counts: ReadingCounts; alertsRaised: number }
  | { status: 'failed'; reason: string };

function groupByDevice(records: readonly SequencedReading[]): Map<string, SequencedReading[]> {
  const groups = new Map<string, SequencedReading[]>();
  for (const record of records) {
    const group = groups.get(record.payload.deviceId);
    if (group === undefined) groups.set(record.payload.deviceId, [record]);
    else group.push(record);
  }
  return groups;
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'UnknownError');
const failed = (reason: string): DeviceOutcome => ({ status: 'failed', reason });

function summarise(outcomes: readonly DeviceOutcome[]): Record<string, number> {
  const summary = { devices: outcomes.length, devicesWritten: 0, devicesUnchanged: 0, devicesFailed: 0 };
  const totals = { readingsApplied: 0, lateReadings: 0, resentReadings: 0, duplicateReadings: 0, redeliveredReadings: 0, alertsRaised: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') {
      summary.devicesFailed += 1;
      continue;
    }
    if (outcome.status === 'written') summary.devicesWritten += 1;
    else summary.devicesUnchanged += 1;
    totals.readingsApplied += outcome.counts.applied;
    totals.lateReadings += outcome.counts.late;
    totals.resentReadings += outcome.counts.resent;
    totals.duplicateReadings += outcome.counts.duplicates;
    totals.redeliveredReadings += outcome.counts.redelivered;
    totals.alertsRaised += outcome.alertsRaised;
  }
  return { ...summary, ...totals };
}

/**
 * Alerts are raised BEFORE the device state is written, and the state write is the commit point. If raising
 * fails, nothing is stored and the retried records produce the same alerts again (same keys, so written once).
 * The other order would lose alerts: once the state holds a record's sequence number, a retry skips the record,
 * and its rate-of-change could not be recomputed anyway because the value before it is gone.
 *
 * The state write is conditional on the version read (not on occurredAt/sequence directly): the fold already
 * decides newer/late/duplicate, and the version condition guarantees that decision was made against what is
 * stored. It also lets one write cover all of a device's readings in the batch, counters and rate-of-change
 * baselines included, which a per-reading "occurredAt < :new" condition could not do atomically.
 */
export function createTelemetryBatchStep(
  dependencies: TelemetryBatchDependencies,
): (records: readonly SequencedReading[]) => Promise<BatchStepResult> {
  const { devices, alerts, archive, rules, alertTtlDays } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const concurrency = dependencies.concurrency ?? 10;
  const maxWriteAttempts = dependencies.maxWriteAttempts ?? 3;

  async function updateDevice(deviceId: string, records: SequencedReading[], read: DeviceRead | undefined): Promise<DeviceOutcome> {
    if (read === undefined || !read.ok) return failed(`device read failed: ${read?.errorCode ?? 'no result'}`);
    let current: StoredDevice | undefined = read.device;
    let alertsRaised = 0;
    for (let attempt = 1; ; attempt += 1) {
      const context = { detectedAt: now().toISOString(), ttlDays: alertTtlDays };
      const { next, alerts: found, counts } = applyReadings(current?.state, records, rules, context);
      if (found.length > 0) alertsRaised += (await alerts.raise(found)).length;
      if (next === UNCHANGED) return { status: 'unchanged', counts, alertsRaised };
      const written = await devices.writeIfVersion(next, current?.version);
      if (written === 'written') return { status: 'written', counts, alertsRaised };
      if (attempt >= maxWriteAttempts) return failed(`device write conflicted ${attempt} times`);
      current = await devices.read(deviceId);
    }
  }

  /** One outcome per device; a device's failure never fails the others. */
  async function updateDevices(groups: Map<string, SequencedReading[]>): Promise<Map<string, DeviceOutcome>> {
    const deviceIds = [...groups.keys()];
    const reads = await devices.readMany(deviceIds);
    const outcomes = await mapWithConcurrency(deviceIds, concurrency, async (deviceId) => {
      try {
        return await updateDevice(deviceId, groups.get(deviceId) ?? [], reads.get(deviceId));
      } catch (error) {
        return failed(`device update failed: ${errorName(error)}`);
      }
    });
    return new Map(deviceIds.map((deviceId, index) => [deviceId, outcomes[index] as DeviceOutcome]));
  }

  /** Readings of failed devices are redelivered anyway, so only the others are archived now. */
  return async (records) => {
    const outcomes = await updateDevices(groupByDevice(records));
    const failures = new Map<string, string>();
    const archivable: SequencedReading[] = [];
    for (const record of records) {
      const outcome = outcomes.get(record.payload.deviceId);
      if (outcome?.status === 'failed') failures.set(record.sequenceNumber, outcome.reason);
      else archivable.push(record);
    }
    const archiveFailures = await archive.append(
      archivable.map((record) => ({ id: record.sequenceNumber, event: record.payload })),
    );
    for (const failure of archiveFailures) failures.set(failure.id, `archive failed: ${failure.errorCode}`);
    return { failures, summary: { ...summarise([...outcomes.values()]), archived: archivable.length - archiveFailures.length } };
  };
}
