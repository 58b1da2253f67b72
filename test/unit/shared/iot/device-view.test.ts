// Unit tests: the device view behind GET /iot/devices/{id} (state without stream bookkeeping, open alerts, unknown device).
import type { Alert } from '../../../../shared/alerts/alert';
import { applyReadings, type ReadingsOutcome } from '../../../../shared/iot/device-readings';
import type { DeviceState } from '../../../../shared/iot/device-state';
import { createDeviceViewReader, MAX_OPEN_ALERTS_SHOWN } from '../../../../shared/iot/device-view';
import { EVALUATION, sequenced, testRules } from './fixtures';
import { memoryAlertStore, memoryDeviceStore } from './memory-stores';

describe('createDeviceViewReader', () => {
  it('returns the state without its stream bookkeeping, with the open alerts newest first', async () => {
    const devices = memoryDeviceStore();
    const alerts = memoryAlertStore();
    const { next, alerts: raised }: ReadingsOutcome = applyReadings(
      undefined,
      [sequenced(1, { metrics: { temperature: 9 } }), sequenced(20, { metrics: { temperature: 9 } })],
      testRules,
      EVALUATION,
    );
    await devices.store.writeIfVersion(next as DeviceState, undefined);
    await alerts.store.raise(raised);
    const closed: Alert = { ...(raised[0] as Alert), alertId: '2026-11-02T09:00:00.000Z#below-min#battery', status: 'closed' };
    await alerts.store.raise([closed]);
    const listByEntity = jest.spyOn(alerts.store, 'listByEntity');

    const view = await createDeviceViewReader({ devices: devices.store, alerts: alerts.store })('fridge-1');

    const { lastSequenceByShard: _positions, recentReadingIds: _ids, ...visible } = next as DeviceState;
    expect(view).toEqual({ device: visible, openAlerts: [raised[1], raised[0]] });
    expect(listByEntity).toHaveBeenCalledWith('device#fridge-1', { status: 'open', limit: MAX_OPEN_ALERTS_SHOWN });
  });

  it('is undefined for a device that never reported', async () => {
    const read = createDeviceViewReader({ devices: memoryDeviceStore().store, alerts: memoryAlertStore().store });
    await expect(read('fridge-9')).resolves.toBeUndefined();
  });
});
