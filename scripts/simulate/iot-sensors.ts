// What the simulated fleet measures: device types, their metrics' healthy bands and fault values, sites, and sensor noise.
import type { DeviceType, Metric } from '../../shared/events/iot';
import { WeightedChoice, type SeededRandom } from './random';

/** An inclusive [low, high] interval of values. */
export type Band = readonly [number, number];

/**
 * A metric a device type reports. Healthy values stay inside [min, max]; the fault bands say where a failing
 * sensor's values go, and are chosen well past the limits any sensible alert configuration would set, so an
 * injected fault is detectable and a healthy value never is. Which faults a metric can have follows from them.
 */
export interface MetricSpec {
  name: Metric;
  min: number;
  max: number;
  decimals: number;
  /** Relative weight of this metric when an anomaly is injected into a device of this type. */
  anomalyWeight: number;
  /** Where spikes and drifts upwards end. */
  high: Band;
  /** Where spikes and drifts downwards end; absent when a low value is no fault (a cool pump casing). */
  low?: Band;
  /** Size of a sudden step (either sign); absent when the physics has no sudden steps worth alerting on. */
  rapidStep?: Band;
}

export interface DeviceTypeSpec {
  type: DeviceType;
  /** Share of the fleet. */
  weight: number;
  /** Used in device ids ("cold-3fa2…"). */
  idPrefix: string;
  metrics: readonly MetricSpec[];
  /** Wireless sensors also report their battery level, which only drains. */
  batteryPowered: boolean;
  sites: readonly Site[];
}

export interface Site {
  site: string;
  lat: number;
  lon: number;
}

/**
 * Cold storage keeps 2–6 °C (the vaccine and fresh-food band) below 80 % humidity; offices 18–26 °C and 30–60 %;
 * small centrifugal pumps run at 1–4 mm/s RMS vibration (ISO 10816 zones A–B) with casings at 35–65 °C.
 * Failures: a compressor trips or a door stays open (cold room above 9 °C), icing (below 0 °C), a stuck damper
 * (office above 29 °C), bearing wear and cavitation (vibration past 8 mm/s), an overheating motor (past 85 °C).
 */
export const DEVICE_TYPE_SPECS: Readonly<Record<DeviceType, DeviceTypeSpec>> = {
  'cold-storage': {
    type: 'cold-storage',
    weight: 40,
    idPrefix: 'cold',
    metrics: [
      { name: 'temperature', min: 2, max: 6, decimals: 2, anomalyWeight: 8, high: [9.5, 14], low: [-4, 0], rapidStep: [2.5, 4] },
      { name: 'humidity', min: 55, max: 80, decimals: 1, anomalyWeight: 2, high: [90, 99] },
    ],
    batteryPowered: true,
    sites: [
      { site: 'warehouse-hamburg', lat: 53.5403, lon: 9.9847 },
      { site: 'warehouse-rotterdam', lat: 51.9496, lon: 4.1453 },
      { site: 'warehouse-incheon', lat: 37.4602, lon: 126.7036 },
      { site: 'warehouse-chicago', lat: 41.8012, lon: -87.7013 },
    ],
  },
  hvac: {
    type: 'hvac',
    weight: 40,
    idPrefix: 'hvac',
    metrics: [
      { name: 'temperature', min: 18, max: 26, decimals: 2, anomalyWeight: 7, high: [30, 38], low: [9, 13.5], rapidStep: [5, 8] },
      { name: 'humidity', min: 30, max: 60, decimals: 1, anomalyWeight: 3, high: [76, 95], low: [12, 24] },
    ],
    batteryPowered: false,
    sites: [
      { site: 'office-berlin', lat: 52.5208, lon: 13.4094 },
      { site: 'office-seoul', lat: 37.4979, lon: 127.0276 },
      { site: 'office-new-york', lat: 40.7549, lon: -73.984 },
      { site: 'office-london', lat: 51.5138, lon: -0.0984 },
    ],
  },
  pump: {
    type: 'pump',
    weight: 20,
    idPrefix: 'pump',
    metrics: [
      { name: 'vibration', min: 1, max: 4, decimals: 2, anomalyWeight: 7, high: [8.5, 16], rapidStep: [4, 6] },
      { name: 'temperature', min: 35, max: 65, decimals: 1, anomalyWeight: 3, high: [88, 110], rapidStep: [16, 25] },
    ],
    batteryPowered: false,
    sites: [
      { site: 'waterworks-munich', lat: 48.1995, lon: 11.6123 },
      { site: 'waterworks-busan', lat: 35.1028, lon: 129.0403 },
      { site: 'waterworks-phoenix', lat: 33.4484, lon: -112.074 },
    ],
  },
};

export const DEVICE_TYPE_MIX = new WeightedChoice<DeviceTypeSpec>(
  Object.values(DEVICE_TYPE_SPECS).map((spec) => [spec, spec.weight] as const),
);

export const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export const uniformIn = ([low, high]: Band, random: SeededRandom): number => low + (high - low) * random.next();

/**
 * A healthy sensor: a per-device set point, a slow mean-reverting wander around it (Ornstein–Uhlenbeck:
 * defrost cycles, sun on a façade, load on a pump) and small measurement noise. The set point sits in the
 * middle 40 % of the range and both wander and noise are clamped, so healthy values keep at least 9 % of the
 * range away from either limit and rarely change by more than 10 % of the range between two readings: far from
 * the fault bands and steps, which is what makes the ground truth unambiguous.
 */
export class MetricSignal {
  private readonly setPoint: number;
  private wander = 0;
  private readonly width: number;

  constructor(
    readonly spec: MetricSpec,
    random: SeededRandom,
  ) {
    this.width = spec.max - spec.min;
    this.setPoint = spec.min + this.width * (0.3 + 0.4 * random.next());
  }

  /** The next healthy value: call once per reading. */
  next(random: SeededRandom): number {
    const reversion = 0.02;
    const step = 0.01 * this.width;
    const maxWander = 0.18 * this.width;
    this.wander = clamp(this.wander * (1 - reversion) + step * random.normal(), -maxWander, maxWander);
    const noise = clamp(0.01 * this.width * random.normal(), -0.03 * this.width, 0.03 * this.width);
    return this.setPoint + this.wander + noise;
  }
}

/** A battery-powered sensor drains a little per transmission; a fresh fleet is not all at 100 %. */
export class BatteryLevel {
  private level: number;
  private readonly drainPerReading: number;

  constructor(random: SeededRandom) {
    // 60–100 %, losing at most ~0.6 %/h at a 5 s period: days before any low-battery limit, so it never looks faulty.
    this.level = 60 + 40 * random.next();
    this.drainPerReading = 0.0002 + 0.0006 * random.next();
  }

  next(): number {
    this.level = Math.max(0, this.level - this.drainPerReading);
    return roundTo(this.level, 1);
  }
}
