// What GET /iot/devices/{id} answers: the device's current state and its open alerts, newest first.
import type { Alert, AlertStore } from '../alerts/alert';
import { deviceEntityId, toDeviceView, type DeviceView } from './device-state';
import type { DeviceStore } from './device-store';

export interface DeviceWithAlerts {
  device: DeviceView;
  openAlerts: Alert[];
}

export const MAX_OPEN_ALERTS_SHOWN = 50;

/** Both reads run at once; undefined (→ 404) when the device has never reported. */
export function createDeviceViewReader(dependencies: {
  devices: Pick<DeviceStore, 'read'>;
  alerts: Pick<AlertStore, 'listByEntity'>;
}): (deviceId: string) => Promise<DeviceWithAlerts | undefined> {
  const { devices, alerts } = dependencies;
  return async (deviceId) => {
    const [stored, openAlerts] = await Promise.all([
      devices.read(deviceId),
      alerts.listByEntity(deviceEntityId(deviceId), { status: 'open', limit: MAX_OPEN_ALERTS_SHOWN }),
    ]);
    return stored === undefined ? undefined : { device: toDeviceView(stored.state), openAlerts };
  };
}
