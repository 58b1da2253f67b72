// What GET /iot/devices answers: the most recently seen devices, newest first, from a bounded scan of the devices table.
import { toDeviceView, type DeviceState, type DeviceView } from '../iot/device-state';
import type { DeviceListQuery } from './list-queries';

/** Port: up to `maxItems` stored device states, in the store's own (arbitrary) order. */
export interface DeviceScan {
  scanDevices(maxItems: number): Promise<DeviceState[]>;
}

export interface DeviceList {
  devices: DeviceView[];
}

/**
 * A workshop fleet is tens to hundreds of devices: one bounded Scan reads them all (about 1 KB each, so 1,000
 * devices are one or two 1 MB pages) and sorting here finds the newest. The table is keyed by device for the
 * consumer's writes; a fleet of many thousands would instead keep a "recently seen" index (a GSI on a time
 * bucket), because Scan cost grows with the fleet, not with the page shown.
 */
export const MAX_DEVICES_SCANNED = 1_000;

const byLastSeenDescending = (a: DeviceState, b: DeviceState): number =>
  a.lastSeenAt === b.lastSeenAt ? a.deviceId.localeCompare(b.deviceId) : a.lastSeenAt < b.lastSeenAt ? 1 : -1;

export function createDeviceListReader(
  scan: DeviceScan,
  maxScanned = MAX_DEVICES_SCANNED,
): (query: DeviceListQuery) => Promise<DeviceList> {
  return async ({ limit }) => {
    const states = await scan.scanDevices(maxScanned);
    return { devices: [...states].sort(byLastSeenDescending).slice(0, limit).map(toDeviceView) };
  };
}
