// Port for device persistence: the IoT steps depend on this; shared/aws/dynamodb-device-store.ts implements it.
import type { DeviceState } from './device-state';
import type { DeviceHeartbeat } from './rule-evaluation';

export interface StoredDevice {
  state: DeviceState;
  /** Optimistic-concurrency version: a write succeeds only against the version its state was computed from. */
  version: number;
}

export type DeviceRead =
  | { ok: true; device: StoredDevice | undefined }
  | { ok: false; errorCode: string; errorMessage?: string };

export interface DeviceStore {
  /** Strongly consistent reads; a device whose read kept failing is reported as such, the others still answer. */
  readMany(deviceIds: readonly string[]): Promise<Map<string, DeviceRead>>;
  /** One strongly consistent read; throws when the read fails. */
  read(deviceId: string): Promise<StoredDevice | undefined>;
  /**
   * Stores `state` if the device is still at `expectedVersion` (undefined: it must not exist yet).
   * 'conflict' means someone else wrote first: re-read and recompute. Other failures throw.
   */
  writeIfVersion(state: DeviceState, expectedVersion: number | undefined): Promise<'written' | 'conflict'>;
  /** Every device's heartbeat fields, a page at a time. */
  scanHeartbeats(): AsyncIterable<DeviceHeartbeat[]>;
}
