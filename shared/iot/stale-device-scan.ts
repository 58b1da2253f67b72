// The scheduled heartbeat check: scan every device, raise a `stale` alert for each one silent for too long.
import type { AlertStore } from '../alerts/alert';
import type { DeviceRules } from './device-rules';
import type { DeviceStore } from './device-store';
import { evaluateHeartbeat } from './rule-evaluation';

export interface StaleDeviceScanDependencies {
  devices: Pick<DeviceStore, 'scanHeartbeats'>;
  alerts: Pick<AlertStore, 'raise'>;
  rules: DeviceRules;
  alertTtlDays: number;
}

export interface StaleDeviceScanSummary {
  devicesScanned: number;
  staleDevices: number;
  /** Stale alerts newly written; a device still silent in the same silence was alerted on an earlier run. */
  alertsRaised: number;
}

/**
 * Alerts are raised page by page, so memory stays flat however many devices there are. Re-running the scan
 * (a retried invocation, overlapping schedules) is harmless: the alert keys make each stale alert one item.
 * A device that never reported has no state and so cannot be found stale here; that would need a device registry.
 */
export function createStaleDeviceScan(
  dependencies: StaleDeviceScanDependencies,
): (now: Date) => Promise<StaleDeviceScanSummary> {
  const { devices, alerts, rules, alertTtlDays } = dependencies;
  return async (now) => {
    const summary: StaleDeviceScanSummary = { devicesScanned: 0, staleDevices: 0, alertsRaised: 0 };
    for await (const page of devices.scanHeartbeats()) {
      const stale = page.flatMap((device) => evaluateHeartbeat(rules, device, now, { ttlDays: alertTtlDays }) ?? []);
      summary.devicesScanned += page.length;
      summary.staleDevices += stale.length;
      if (stale.length > 0) summary.alertsRaised += (await alerts.raise(stale)).length;
    }
    return summary;
  };
}
