// Unit tests: the device list (newest lastSeenAt first, bounded scan, views without stream bookkeeping).
import { createDeviceListReader } from '../../../../shared/dashboard/device-list';
import type { DeviceState } from '../../../../shared/iot/device-state';

const device = (deviceId: string, lastSeenAt: string): DeviceState => ({
  deviceId,
  deviceType: 'cold-storage',
  latestReading: { readingId: `${deviceId}-r`, sequence: 1, occurredAt: lastSeenAt, receivedAt: lastSeenAt, metrics: { temperature: 4 } },
  lastSeenAt,
  firstSeenAt: lastSeenAt,
  lastMetricValues: {},
  counters: { readings: 1, lateReadings: 0 },
  lastSequenceByShard: { 'shardId-000000000000': '1' },
});

it('answers the most recently seen devices first, up to the limit, without their shard bookkeeping', async () => {
  const scanned: number[] = [];
  const scan = {
    scanDevices(maxItems: number) {
      scanned.push(maxItems);
      return Promise.resolve([device('a', '2026-11-26T10:00:00.000Z'), device('c', '2026-11-26T10:05:00.000Z'), device('b', '2026-11-26T10:05:00.000Z')]);
    },
  };

  const { devices } = await createDeviceListReader(scan, 500)({ limit: 2 });

  expect(devices.map((view) => view.deviceId)).toEqual(['b', 'c']);
  expect(devices[0]).not.toHaveProperty('lastSequenceByShard');
  expect(scanned).toEqual([500]);
});
