// Injected sensor faults: a spike, a drift out of range, a rapid step change; each an episode on one metric of one device.
import type { Metric } from '../../shared/events/iot';
import { clamp, roundTo, uniformIn, type Band, type MetricSpec } from './iot-sensors';
import type { SeededRandom } from './random';

export const ANOMALY_KINDS = ['spike', 'drift', 'rapid-change'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** What an episode makes of one reading's healthy value, and whether that reading is labelled anomalous. */
export interface AnomalousValue {
  value: number;
  labelled: boolean;
}

/**
 * One fault on one metric of one device, applied reading by reading until `done`. Labels go only on readings
 * that are themselves abnormal (a drift still inside the healthy band is not labelled).
 */
export interface AnomalyEpisode {
  readonly episodeId: string;
  readonly kind: AnomalyKind;
  readonly metric: Metric;
  /** Readings the episode is planned to label; the share controller counts them when the episode starts. */
  readonly plannedLabels: number;
  readonly done: boolean;
  apply(healthy: number): AnomalousValue;
}

/** Percentages stay percentages whatever a fault does. */
const plausible = (metric: Metric, value: number): number =>
  metric === 'humidity' || metric === 'battery' ? clamp(value, 0, 100) : value;

/** Where a fault goes: downwards only for metrics with a low fault band, and then three times in ten. */
function faultBand(spec: MetricSpec, random: SeededRandom): { band: Band; sign: 1 | -1 } {
  return spec.low !== undefined && random.chance(0.3) ? { band: spec.low, sign: -1 } : { band: spec.high, sign: 1 };
}

/** A door left open, a compressor tripping, a bearing knock: one or two readings deep in a fault band. */
class Spike implements AnomalyEpisode {
  readonly kind = 'spike';
  readonly metric: Metric;
  readonly plannedLabels: number;
  private readonly values: number[];
  private applied = 0;

  constructor(
    readonly episodeId: string,
    spec: MetricSpec,
    random: SeededRandom,
  ) {
    this.metric = spec.name;
    const { band } = faultBand(spec, random);
    this.plannedLabels = random.chance(0.7) ? 1 : 2;
    this.values = Array.from({ length: this.plannedLabels }, () => uniformIn(band, random));
  }

  get done(): boolean {
    return this.applied >= this.plannedLabels;
  }

  apply(): AnomalousValue {
    const value = this.values[Math.min(this.applied, this.values.length - 1)] as number;
    this.applied++;
    return { value, labelled: true };
  }
}

/**
 * A degrading compressor, a fouled filter, a wearing bearing: the value creeps (3–6 % of the healthy band per
 * reading) into a fault band, stays there for 5–15 readings, then maintenance resets it. Only the readings
 * outside the healthy band are labelled.
 */
class Drift implements AnomalyEpisode {
  readonly kind = 'drift';
  readonly metric: Metric;
  readonly plannedLabels: number;
  private readonly spec: MetricSpec;
  private readonly sign: 1 | -1;
  private readonly target: number;
  private readonly ratePerReading: number;
  private readonly holdReadings: number;
  private start: number | undefined;
  private steps = 0;
  private held = 0;

  constructor(
    readonly episodeId: string,
    spec: MetricSpec,
    random: SeededRandom,
  ) {
    this.spec = spec;
    this.metric = spec.name;
    const { band, sign } = faultBand(spec, random);
    this.sign = sign;
    this.target = uniformIn(band, random);
    this.ratePerReading = (spec.max - spec.min) * (0.03 + 0.03 * random.next());
    this.holdReadings = random.int(5, 15);
    // The creep beyond the healthy band is labelled too.
    const edge = sign > 0 ? spec.max : spec.min;
    this.plannedLabels = this.holdReadings + Math.floor(Math.abs(this.target - edge) / this.ratePerReading);
  }

  get done(): boolean {
    return this.held >= this.holdReadings;
  }

  apply(healthy: number): AnomalousValue {
    this.start ??= healthy;
    this.steps++;
    const distance = Math.abs(this.target - this.start);
    // The offset stops growing at the target; the healthy wander and noise ride on top, as on a real sensor.
    const offset = Math.min(this.ratePerReading * this.steps, distance);
    if (offset === distance) this.held++;
    // Labelled by the value as sent, so a reading rounded onto the band's edge is not called abnormal.
    const value = roundTo(plausible(this.metric, healthy + this.sign * offset), this.spec.decimals);
    return { value, labelled: value > this.spec.max || value < this.spec.min };
  }
}

/**
 * A valve slamming, a fan failing, cavitation starting: the value jumps by a large step between two readings,
 * stays there for a few readings, then jumps back. The step and the plateau are labelled.
 */
class RapidChange implements AnomalyEpisode {
  readonly kind = 'rapid-change';
  readonly metric: Metric;
  readonly plannedLabels: number;
  private readonly step: number;
  private applied = 0;

  constructor(
    readonly episodeId: string,
    spec: MetricSpec,
    random: SeededRandom,
  ) {
    if (spec.rapidStep === undefined) throw new Error(`${spec.name} has no rapid changes`);
    this.metric = spec.name;
    const sign = spec.low !== undefined && random.chance(0.3) ? -1 : 1;
    this.step = sign * uniformIn(spec.rapidStep, random);
    this.plannedLabels = random.int(3, 8);
  }

  get done(): boolean {
    return this.applied >= this.plannedLabels;
  }

  apply(healthy: number): AnomalousValue {
    this.applied++;
    return { value: plausible(this.metric, healthy + this.step), labelled: true };
  }
}

/** The faults a metric can have: spikes and drifts always, steps where the physics has them. */
export const anomalyKindsFor = (spec: MetricSpec): readonly AnomalyKind[] =>
  spec.rapidStep === undefined ? ['spike', 'drift'] : ANOMALY_KINDS;

export function startAnomaly(kind: AnomalyKind, episodeId: string, spec: MetricSpec, random: SeededRandom): AnomalyEpisode {
  switch (kind) {
    case 'spike':
      return new Spike(episodeId, spec, random);
    case 'drift':
      return new Drift(episodeId, spec, random);
    case 'rapid-change':
      return new RapidChange(episodeId, spec, random);
  }
}
