// Unit tests: the IoT batch step (alerts before the state write, partial failures per device, conflicts, archive, retries).
import type { DeviceState } from '../../../../shared/iot/device-state';
import type { DeviceStore } from '../../../../shared/iot/device-store';
import { createTelemetryBatchStep, type TelemetryBatchDependencies } from '../../../../shared/iot/telemetry-batch';
import { sequenced, testRules } from './fixtures';
import { memoryAlertStore, memoryArchive, memoryDeviceStore } from './memory-stores';

const NOW = new Date('2026-11-02T12:00:00.000Z');

function setup(overrides: Partial<TelemetryBatchDependencies> = {}) {
  const log: string[] = [];
  const devices = memoryDeviceStore(log);
  const alerts = memoryAlertStore(log);
  const archive = memoryArchive();
  const step = createTelemetryBatchStep({
    devices: devices.store,
    alerts: alerts.store,
    archive: archive.archive,
    rules: testRules,
    alertTtlDays: 30,
    now: () => NOW,
    ...overrides,
  });
  return { step, log, devices, alerts, archive };
}

/** Below the battery minimum, a rule without a rate of change: exactly one alert. */
const lowBattery = { metrics: { battery: 10 } };
const fridge2 = { deviceId: 'fridge-2' };

describe('createTelemetryBatchStep', () => {
  it('updates each device once, raises its alerts before writing its state, and archives every reading', async () => {
    const { step, log, devices, alerts, archive } = setup();
    const result = await step([sequenced(1), sequenced(2, fridge2, { streamSequence: 2 }), sequenced(3, lowBattery, { streamSequence: 3 })]);

    expect(result.failures).toEqual(new Map());
    expect(result.summary).toEqual({
      devices: 2,
      devicesWritten: 2,
      devicesUnchanged: 0,
      devicesFailed: 0,
      readingsApplied: 3,
      lateReadings: 0,
      resentReadings: 0,
      duplicateReadings: 0,
      redeliveredReadings: 0,
      alertsRaised: 1,
      archived: 3,
    });
    // Devices run concurrently, so only each device's own order is fixed.
    expect(log[0]).toBe('readMany fridge-1,fridge-2');
    expect(log.filter((line) => line !== 'write fridge-2')).toEqual([
      'readMany fridge-1,fridge-2',
      'raise 2026-11-02T10:00:00.000Z#below-min#battery',
      'write fridge-1',
    ]);
    expect(log).toContain('write fridge-2');
    expect(devices.items.get('fridge-1')).toMatchObject({ version: 1, state: { counters: { readings: 2 } } });
    expect([...alerts.items.values()][0]).toMatchObject({ entityId: 'device#fridge-1', detectedAt: NOW.toISOString() });
    expect(archive.entries.map((entry) => entry.id)).toEqual(['1', '2', '3']);
  });

  it('stores nothing for a device whose alerts could not be raised, and raises them on the retry', async () => {
    const { step, devices, alerts, archive } = setup();
    alerts.failing.add('device#fridge-1');
    const batch = [sequenced(1, lowBattery), sequenced(2, fridge2, { streamSequence: 2 }), sequenced(3, {}, { streamSequence: 3 })];

    const first = await step(batch);
    expect(first.failures).toEqual(
      new Map([
        ['1', 'device update failed: ProvisionedThroughputExceededException'],
        ['3', 'device update failed: ProvisionedThroughputExceededException'],
      ]),
    );
    expect(devices.items.has('fridge-1')).toBe(false);
    expect(devices.items.has('fridge-2')).toBe(true);
    expect(archive.entries.map((entry) => entry.id)).toEqual(['2']);

    alerts.failing.clear();
    const retry = await step(batch);
    expect(retry.failures).toEqual(new Map());
    expect(retry.summary).toMatchObject({ devicesWritten: 1, devicesUnchanged: 1, alertsRaised: 1, redeliveredReadings: 1 });
    expect([...alerts.items.keys()]).toEqual(['device#fridge-1|2026-11-02T10:00:00.000Z#below-min#battery']);
  });

  it('re-reads and recomputes when another writer changed the device in between', async () => {
    const { devices, alerts, archive, log } = setup();
    const replay = createTelemetryBatchStep({ devices: devices.store, alerts: alerts.store, archive: archive.archive, rules: testRules, alertTtlDays: 30 });
    let interfered = false;
    const racingStore: DeviceStore = {
      ...devices.store,
      async writeIfVersion(state, expectedVersion) {
        if (!interfered) {
          interfered = true; // a replay running beside the live consumer stores reading 5 first
          await replay([sequenced(5, {}, { streamSequence: 50, shardId: 'shardId-000000000009' })]);
        }
        return devices.store.writeIfVersion(state, expectedVersion);
      },
    };
    const { step } = setup({ devices: racingStore });

    const result = await step([sequenced(3)]);

    expect(result.failures).toEqual(new Map());
    expect(log).toEqual([
      'readMany fridge-1', // ours
      'readMany fridge-1', // the replay's read and write
      'write fridge-1',
      'write fridge-1', // ours: conflicts
      'read fridge-1', // ours: re-read, recompute, write
      'write fridge-1',
    ]);
    const stored = devices.items.get('fridge-1');
    expect(stored?.version).toBe(2);
    expect(stored?.state.latestReading.sequence).toBe(5); // recomputed: reading 3 is late relative to 5
    expect(stored?.state.counters).toEqual({ readings: 2, lateReadings: 1 });
  });

  it('fails a device whose writes keep conflicting', async () => {
    const { devices } = setup();
    const alwaysConflicting: DeviceStore = { ...devices.store, writeIfVersion: () => Promise.resolve('conflict') };
    const { step } = setup({ devices: alwaysConflicting, maxWriteAttempts: 2 });
    const result = await step([sequenced(1)]);
    expect(result.failures).toEqual(new Map([['1', 'device write conflicted 2 times']]));
  });

  it('fails the records of a device whose read failed, and only those', async () => {
    const { devices } = setup();
    const failingRead: DeviceStore = {
      ...devices.store,
      readMany: async (ids) => {
        const reads = await devices.store.readMany(ids);
        reads.set('fridge-2', { ok: false, errorCode: 'UnprocessedKeys' });
        return reads;
      },
    };
    const { step } = setup({ devices: failingRead });
    const result = await step([sequenced(1), sequenced(2, fridge2, { streamSequence: 2 })]);
    expect(result.failures).toEqual(new Map([['2', 'device read failed: UnprocessedKeys']]));
  });

  it('reports records whose archive write failed; their devices are already written and skip them on retry', async () => {
    const { step, archive, devices } = setup();
    archive.failing.add('2');
    const batch = [sequenced(1), sequenced(2)];
    expect((await step(batch)).failures).toEqual(new Map([['2', 'archive failed: ServiceUnavailableException']]));

    archive.failing.clear();
    const retry = await step(batch);
    expect(retry.failures).toEqual(new Map());
    expect(retry.summary).toMatchObject({ devicesUnchanged: 1, redeliveredReadings: 2, archived: 2 });
    expect((devices.items.get('fridge-1')?.state as DeviceState).counters.readings).toBe(2);
  });

  it('skips a client resend of an older reading: no counter, no alert, no write; it is archived like every record', async () => {
    const { step, devices, alerts, archive } = setup();
    await step([sequenced(1, lowBattery), sequenced(2)]);
    const resent = await step([sequenced(1, lowBattery, { streamSequence: 3 })]);
    expect(resent.failures).toEqual(new Map());
    expect(resent.summary).toMatchObject({ devicesUnchanged: 1, readingsApplied: 0, lateReadings: 0, resentReadings: 1, alertsRaised: 0, archived: 1 });
    expect(devices.items.get('fridge-1')).toMatchObject({ version: 1, state: { counters: { readings: 2, lateReadings: 0 } } });
    expect(alerts.items.size).toBe(1);
    expect(archive.entries.map((entry) => entry.id)).toEqual(['1', '2', '3']);
  });
});
