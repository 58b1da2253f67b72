// Seeded IoT fleet generator: devices report every few seconds; faults, dropouts, late and repeated deliveries come with ground truth.
import type { Metric, Reading } from '../../shared/events/iot';
import { anomalyKindsFor, startAnomaly, type AnomalyEpisode, type AnomalyKind } from './iot-anomalies';
import { BatteryLevel, DEVICE_TYPE_MIX, MetricSignal, roundTo, type DeviceTypeSpec, type MetricSpec } from './iot-sensors';
import { DueQueue } from './due-queue';
import { createRandom, WeightedChoice, type SeededRandom } from './random';
import type { TrafficGenerator, TrafficItem } from './traffic';
import { MAX_BATCH_SIZE } from './traffic-runner';

export type DeliveryAnomaly = 'out-of-order' | 'duplicate';

/** What the simulator knows about one delivered reading; kept out of the payload. */
export interface IotTruth {
  deviceId: string;
  /** The reading's event time, so the truth log alone places an anomaly in time. */
  occurredAt: string;
  /** Set on readings an injected fault made abnormal. */
  anomaly?: AnomalyKind;
  metric?: Metric;
  /** Groups the readings of one injected fault; unique within a run. */
  episodeId?: string;
  /**
   * Set on a copy that was not delivered as generated: held back and sent after later readings of its device
   * (the payload is unchanged), or sent a second time.
   */
  delivery?: DeliveryAnomaly;
  /** Set on a device's last reading before it goes silent: the silence starts at this event time … */
  dropoutStart?: string;
  /** … and lasts this long (simulated milliseconds); a heartbeat rule should find the device stale. */
  dropoutMs?: number;
}

export interface IotGeneratorOptions {
  seed: number | string;
  /** Readings per second the runner will ask for; the fleet is sized to produce it (Little's law). */
  targetRate: number;
  /** Mean time between two readings of one device (default 5 s); each device keeps its own period within ±20 %. */
  readingIntervalMs?: number;
  /**
   * Share of readings a fault makes abnormal (default 0.01). A fault's readings count when it starts, so the
   * share holds over runs long against a fault (minutes).
   */
  anomalyShare?: number;
  /** Chance per reading that the device goes silent after it (default 0.0002). */
  dropoutShare?: number;
  /** How long a silent device stays silent (default 30 min: past every heartbeat limit plus a stale scan). */
  dropoutMs?: number;
  /** Share of readings held back and delivered after later readings of their device (default 0.005). */
  outOfOrderShare?: number;
  /** Share of readings delivered twice (default 0.005). */
  duplicateShare?: number;
}

export const IOT_DEFAULTS = {
  readingIntervalMs: 5_000,
  anomalyShare: 0.01,
  dropoutShare: 0.0002,
  dropoutMs: 30 * 60_000,
  outOfOrderShare: 0.005,
  duplicateShare: 0.005,
} as const;

/** Memory bound: about 1 KB per device. */
export const MAX_DEVICES = 200_000;

/**
 * After a fault a device stays healthy this long before another one: longer than the alert de-duplication
 * window, so every injected fault can raise its own alert.
 */
const CALM_AFTER_ANOMALY_MS = 20 * 60_000;

/** Chance per eligible reading that a fault starts while fewer readings are labelled than the share asks for. */
const ANOMALY_ONSET_CHANCE = 0.1;

interface Device {
  deviceId: string;
  spec: DeviceTypeSpec;
  metricChoice: WeightedChoice<MetricSpec>;
  signals: MetricSignal[];
  battery?: BatteryLevel;
  location: NonNullable<Reading['location']>;
  intervalMs: number;
  sequence: number;
  anomaly?: AnomalyEpisode;
  /** Simulated time before which no new fault starts. */
  calmUntilMs: number;
  silent: boolean;
  /** Readings of this device held back for a late delivery. */
  held: number;
}

interface LateReading {
  device: Device;
  item: TrafficItem<Reading, IotTruth>;
}

const randomOffset = (random: SeededRandom, maxDegrees: number): number => (random.next() * 2 - 1) * maxDegrees;

/**
 * Devices wait in a queue by when their next reading is due (simulated milliseconds from the start); each
 * `next` emits the earliest. Two more queues hold deliveries that break the order: readings held back until
 * later readings of their device went out (by simulated time), and second copies (by item count, at least a
 * full request later, because a request may not contain the same reading twice).
 *
 * Random draws never depend on `nowMs`, so a seed fixes the readings, ids and faults; `nowMs` only stamps
 * `occurredAt`, which therefore never lies in the future.
 */
export class IotFleetGenerator implements TrafficGenerator<Reading, IotTruth> {
  private readonly random: SeededRandom;
  private readonly settings: Required<Omit<IotGeneratorOptions, 'seed' | 'targetRate'>>;
  private readonly devices = new DueQueue<Device>();
  private readonly late = new DueQueue<LateReading>();
  private readonly repeats = new DueQueue<TrafficItem<Reading, IotTruth>>();
  private readonly fleetSize: number;
  private emitted = 0;
  private generated = 0;
  private plannedLabels = 0;
  private episodes = 0;
  private silentDevices = 0;
  private readonly counts = { anomalies: 0, dropouts: 0, outOfOrder: 0, duplicates: 0 };

  constructor(options: IotGeneratorOptions) {
    if (!(options.targetRate > 0)) throw new RangeError('targetRate must be positive');
    this.settings = { ...IOT_DEFAULTS, ...definedOnly(options) };
    checkShares(this.settings);
    if (!(this.settings.readingIntervalMs > 0)) throw new RangeError('readingIntervalMs must be positive');
    this.random = createRandom(options.seed).derive('iot');
    const fleetRandom = this.random.derive('fleet');
    this.fleetSize = fleetSizeFor(options.targetRate, this.settings);
    if (this.fleetSize > MAX_DEVICES) {
      throw new RangeError(
        `targetRate ${options.targetRate}/s needs ${this.fleetSize} devices, more than ${MAX_DEVICES}; run several simulators with different seeds`,
      );
    }
    for (let index = 0; index < this.fleetSize; index++) {
      const device = createDevice(fleetRandom, this.settings.readingIntervalMs);
      // Spread over one period: the fleet looks like one that has been running for a while.
      this.devices.push(fleetRandom.next() * device.intervalMs, device);
    }
  }

  next(nowMs: number): TrafficItem<Reading, IotTruth> {
    const occurredAt = new Date(nowMs).toISOString();
    for (;;) {
      const item = this.dueRepeat() ?? this.dueLateReading() ?? this.read(occurredAt);
      if (item !== undefined) {
        this.emitted++;
        return item;
      }
    }
  }

  activeCount(): number {
    return this.fleetSize - this.silentDevices;
  }

  counters(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }

  private dueRepeat(): TrafficItem<Reading, IotTruth> | undefined {
    const head = this.repeats.peek();
    if (head === undefined || head.dueMs > this.emitted) return undefined;
    this.repeats.pop();
    return head.value;
  }

  /** A held reading goes out once the simulated clock passes its release time. */
  private dueLateReading(): TrafficItem<Reading, IotTruth> | undefined {
    const head = this.late.peek();
    const nextReadingDue = this.devices.peek()?.dueMs ?? Infinity;
    if (head === undefined || head.dueMs > nextReadingDue) return undefined;
    this.late.pop();
    head.value.device.held--;
    return head.value.item;
  }

  /** The next device reports; undefined when its reading is held back for a late delivery. */
  private read(occurredAt: string): TrafficItem<Reading, IotTruth> | undefined {
    const slot = this.devices.pop();
    if (slot === undefined) throw new Error('The fleet is never empty');
    const { dueMs, value: device } = slot;
    if (device.silent) {
      device.silent = false;
      this.silentDevices--;
    }
    this.maybeStartAnomaly(device, dueMs);
    const { reading, truth } = this.measure(device, occurredAt, dueMs);
    const delivered = (delivery?: DeliveryAnomaly): TrafficItem<Reading, IotTruth> => ({
      id: reading.readingId,
      payload: reading,
      truth: delivery === undefined ? truth : { ...truth, delivery },
    });
    const heldBack = this.maybeHoldBack(device, dueMs, () => delivered('out-of-order'));
    const silenceMs = this.maybeDropOut(device, truth);
    if (!heldBack) this.maybeRepeat(() => delivered('duplicate'));
    this.devices.push(dueMs + silenceMs + device.intervalMs * (0.95 + 0.1 * this.random.next()), device);
    return heldBack ? undefined : delivered();
  }

  /** Starts a fault while fewer readings carry (planned) labels than the share asks for. */
  private maybeStartAnomaly(device: Device, dueMs: number): void {
    if (device.anomaly !== undefined || dueMs < device.calmUntilMs) return;
    if (this.plannedLabels >= this.settings.anomalyShare * (this.generated + 1)) return;
    if (!this.random.chance(ANOMALY_ONSET_CHANCE)) return;
    const spec = device.metricChoice.sample(this.random);
    const kind = this.random.pick(anomalyKindsFor(spec));
    device.anomaly = startAnomaly(kind, `${device.deviceId}#${++this.episodes}`, spec, this.random);
    this.plannedLabels += device.anomaly.plannedLabels;
    this.counts.anomalies++;
  }

  private measure(device: Device, occurredAt: string, dueMs: number): { reading: Reading; truth: IotTruth } {
    const metrics: Reading['metrics'] = {};
    const truth: IotTruth = { deviceId: device.deviceId, occurredAt };
    const { anomaly } = device;
    for (const signal of device.signals) {
      const { name, decimals } = signal.spec;
      const healthy = signal.next(this.random);
      const faulty = anomaly?.metric === name ? anomaly.apply(healthy) : undefined;
      metrics[name] = roundTo(faulty?.value ?? healthy, decimals);
      if (anomaly !== undefined && faulty?.labelled === true) {
        Object.assign(truth, { anomaly: anomaly.kind, metric: name, episodeId: anomaly.episodeId });
      }
    }
    if (device.battery !== undefined) metrics.battery = device.battery.next();
    if (anomaly?.done === true) {
      device.anomaly = undefined;
      device.calmUntilMs = dueMs + CALM_AFTER_ANOMALY_MS;
    }
    this.generated++;
    const reading: Reading = {
      schemaVersion: 1,
      readingId: this.random.uuid(),
      deviceId: device.deviceId,
      deviceType: device.spec.type,
      sequence: device.sequence++,
      occurredAt,
      metrics,
      location: { ...device.location },
    };
    return { reading, truth };
  }

  /**
   * Holds the reading until 1.5–3 periods later, after the device's next reading. One at a time per device,
   * so the next reading is never itself held and the late one really arrives after a newer one.
   */
  private maybeHoldBack(device: Device, dueMs: number, lateCopy: () => TrafficItem<Reading, IotTruth>): boolean {
    if (!this.random.chance(this.settings.outOfOrderShare) || device.held > 0) return false;
    device.held++;
    this.counts.outOfOrder++;
    const releaseAtMs = dueMs + device.intervalMs * (1.5 + 1.5 * this.random.next());
    this.late.push(releaseAtMs, { device, item: lateCopy() });
    return true;
  }

  /** A second copy, one to two full requests later: what a device does when an acknowledgement got lost. */
  private maybeRepeat(secondCopy: () => TrafficItem<Reading, IotTruth>): void {
    if (!this.random.chance(this.settings.duplicateShare)) return;
    this.counts.duplicates++;
    this.repeats.push(this.emitted + MAX_BATCH_SIZE + this.random.int(1, MAX_BATCH_SIZE), secondCopy());
  }

  /** Returns the extra silence before the device's next reading: 0, or the dropout. */
  private maybeDropOut(device: Device, truth: IotTruth): number {
    if (!this.random.chance(this.settings.dropoutShare) || device.anomaly !== undefined || device.held > 0) return 0;
    device.silent = true;
    this.silentDevices++;
    this.counts.dropouts++;
    truth.dropoutStart = truth.occurredAt;
    truth.dropoutMs = this.settings.dropoutMs;
    return this.settings.dropoutMs;
  }
}

function createDevice(random: SeededRandom, meanIntervalMs: number): Device {
  const spec = DEVICE_TYPE_MIX.sample(random);
  const site = random.pick(spec.sites);
  // Within ~200 m of the site's reference point, at 5 decimals (~1 m).
  const location = {
    lat: roundTo(site.lat + randomOffset(random, 0.002), 5),
    lon: roundTo(site.lon + randomOffset(random, 0.002), 5),
    site: site.site,
  };
  const device: Device = {
    deviceId: `${spec.idPrefix}-${random.hex(12)}`,
    spec,
    metricChoice: new WeightedChoice(spec.metrics.map((metric) => [metric, metric.anomalyWeight] as const)),
    signals: spec.metrics.map((metric) => new MetricSignal(metric, random)),
    location,
    intervalMs: meanIntervalMs * (0.8 + 0.4 * random.next()),
    sequence: 0,
    calmUntilMs: 0,
    silent: false,
    held: 0,
  };
  if (spec.batteryPowered) device.battery = new BatteryLevel(random);
  return device;
}

/**
 * Devices needed for `targetRate` (Little's law: rate × period), plus the share that is silent at any time
 * (each reading starts a silence of dropoutMs with probability dropoutShare), so that simulated time keeps
 * pace with the runner's clock and a 30-minute dropout lasts about 30 minutes of event time.
 */
export function fleetSizeFor(
  targetRate: number,
  settings: Pick<IotGeneratorOptions, 'readingIntervalMs' | 'dropoutShare' | 'dropoutMs'>,
): number {
  const { readingIntervalMs, dropoutShare, dropoutMs } = { ...IOT_DEFAULTS, ...definedOnly(settings) };
  const silentPerReporting = dropoutShare * (dropoutMs / readingIntervalMs);
  return Math.max(1, Math.round(((targetRate * readingIntervalMs) / 1000) * (1 + silentPerReporting)));
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function checkShares(settings: Record<string, number>): void {
  for (const name of ['anomalyShare', 'dropoutShare', 'outOfOrderShare', 'duplicateShare']) {
    const share = settings[name] ?? 0;
    if (!(share >= 0 && share < 1)) throw new RangeError(`${name} must be in [0, 1), got ${share}`);
  }
  if (!((settings.dropoutMs ?? 0) > 0)) throw new RangeError('dropoutMs must be positive');
}

export function createIotGenerator(options: IotGeneratorOptions): IotFleetGenerator {
  return new IotFleetGenerator(options);
}
