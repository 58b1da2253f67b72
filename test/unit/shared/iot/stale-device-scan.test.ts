// Unit tests: the heartbeat scan with a fixed clock (pages, device types without a rule, one alert per silence).
import type { DeviceStore } from '../../../../shared/iot/device-store';
import type { DeviceHeartbeat } from '../../../../shared/iot/rule-evaluation';
import { createStaleDeviceScan } from '../../../../shared/iot/stale-device-scan';
import { testRules } from './fixtures';
import { memoryAlertStore } from './memory-stores';

const heartbeat = (deviceId: string, lastSeenAt: string, deviceType: DeviceHeartbeat['deviceType'] = 'cold-storage') => ({
  deviceId,
  deviceType,
  lastSeenAt,
});

const pagedDevices = (pages: DeviceHeartbeat[][]): Pick<DeviceStore, 'scanHeartbeats'> => ({
  async *scanHeartbeats() {
    for (const page of pages) yield await Promise.resolve(page);
  },
});

describe('createStaleDeviceScan', () => {
  const devices = pagedDevices([
    [heartbeat('fridge-1', '2026-11-02T10:00:00.000Z'), heartbeat('fridge-2', '2026-11-02T10:09:00.000Z')],
    [heartbeat('pump-1', '2026-11-01T00:00:00.000Z', 'pump'), heartbeat('fridge-3', '2026-11-02T09:00:00.000Z')],
  ]);

  it('raises a stale alert for each device of a type with a heartbeat rule that is silent for too long', async () => {
    const alerts = memoryAlertStore();
    const scan = createStaleDeviceScan({ devices, alerts: alerts.store, rules: testRules, alertTtlDays: 30 });

    const summary = await scan(new Date('2026-11-02T10:15:00.000Z'));

    expect(summary).toEqual({ devicesScanned: 4, staleDevices: 2, alertsRaised: 2 });
    expect([...alerts.items.values()].map((alert) => [alert.entityId, alert.alertId, alert.detectedAt])).toEqual([
      ['device#fridge-1', '2026-11-02T10:00:00.000Z#stale#heartbeat', '2026-11-02T10:15:00.000Z'],
      ['device#fridge-3', '2026-11-02T09:00:00.000Z#stale#heartbeat', '2026-11-02T10:15:00.000Z'],
    ]);
  });

  it('does not raise again on later runs while the silence lasts', async () => {
    const alerts = memoryAlertStore();
    const scan = createStaleDeviceScan({ devices, alerts: alerts.store, rules: testRules, alertTtlDays: 30 });
    await scan(new Date('2026-11-02T10:15:00.000Z'));

    const later = await scan(new Date('2026-11-02T10:20:00.000Z'));

    expect(later).toEqual({ devicesScanned: 4, staleDevices: 3, alertsRaised: 1 }); // fridge-2 is overdue now
    expect(alerts.items.size).toBe(3);
  });

  it('lets a failed alert write fail the run, so the invocation is retried', async () => {
    const alerts = memoryAlertStore();
    alerts.failing.add('device#fridge-1');
    const scan = createStaleDeviceScan({ devices, alerts: alerts.store, rules: testRules, alertTtlDays: 30 });
    await expect(scan(new Date('2026-11-02T10:15:00.000Z'))).rejects.toThrow('throttled');
  });
});
