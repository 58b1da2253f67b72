// The IoT fleet generator: reproducible, valid readings, faults and dropouts at their shares, labels only in the truth.
import { createIotIngestRequestSchema, readingSchema, type Reading } from '../../../../shared/events/iot';
import { createIotGenerator, fleetSizeFor, type IotGeneratorOptions, type IotTruth } from '../../../../scripts/simulate/iot-devices';
import { DEVICE_TYPE_SPECS, type MetricSpec } from '../../../../scripts/simulate/iot-sensors';
import type { TrafficItem } from '../../../../scripts/simulate/traffic';
import { MAX_BATCH_SIZE } from '../../../../scripts/simulate/traffic-runner';

type Item = TrafficItem<Reading, IotTruth>;

const T0 = Date.parse('2026-03-02T08:00:00.000Z');

/** Drives the generator like the runner at its target rate, on a virtual clock. */
function generate(options: IotGeneratorOptions, count: number): { items: Item[]; sentAt: number[] } {
  const generator = createIotGenerator(options);
  const sentAt = Array.from({ length: count }, (_, index) => T0 + (index * 1000) / options.targetRate);
  return { items: sentAt.map((nowMs) => generator.next(nowMs)), sentAt };
}

const truthOf = (item: Item): IotTruth => item.truth as IotTruth;

const metricSpec = (reading: Reading, metric: string): MetricSpec | undefined =>
  DEVICE_TYPE_SPECS[reading.deviceType].metrics.find((spec) => spec.name === metric);

/** Without the deliveries that repeat a reading: each generated reading once. */
const firstDeliveries = (items: readonly Item[]): Item[] => items.filter((item) => truthOf(item).delivery !== 'duplicate');

describe('createIotGenerator', () => {
  // One long default run shared by the tests that only read it.
  const { items, sentAt } = generate({ seed: 'fleet', targetRate: 40 }, 60_000);

  it('is reproducible: the same seed gives the same readings, ids and truth; another seed does not', () => {
    const first = generate({ seed: 7, targetRate: 50 }, 3_000).items;
    expect(generate({ seed: 7, targetRate: 50 }, 3_000).items).toEqual(first);
    const other = generate({ seed: 8, targetRate: 50 }, 3_000).items;
    expect(other.map((item) => item.id)).not.toEqual(first.map((item) => item.id));
  });

  it('emits readings that satisfy the contract, in requests the API accepts wherever the batches are cut', () => {
    const requestSchema = createIotIngestRequestSchema(() => T0 + 3_600_000);
    for (const item of items.slice(0, 5_000)) expect(readingSchema.safeParse(item.payload).success).toBe(true);
    for (const offset of [0, 137, 499]) {
      for (let start = offset; start + MAX_BATCH_SIZE <= 10_000; start += MAX_BATCH_SIZE) {
        const readings = items.slice(start, start + MAX_BATCH_SIZE).map((item) => item.payload);
        expect(requestSchema.safeParse({ readings }).success).toBe(true);
      }
    }
    expect(items.every((item) => item.id === item.payload.readingId)).toBe(true);
  });

  it('keeps the labels out of the payload', () => {
    const allowed = new Set(['schemaVersion', 'readingId', 'deviceId', 'deviceType', 'sequence', 'occurredAt', 'metrics', 'location']);
    const labelled = items.filter((item) => Object.keys(truthOf(item)).length > 2);
    expect(labelled.length).toBeGreaterThan(100);
    for (const { payload } of labelled) {
      expect(Object.keys(payload).every((key) => allowed.has(key))).toBe(true);
      expect(JSON.stringify(payload)).not.toMatch(/anomaly|spike|drift|rapid|dropout|delivery|duplicate|episode/);
    }
  });

  it('sizes the fleet to produce the target rate at one reading per device every ~5 s, silent devices included', () => {
    expect(createIotGenerator({ seed: 1, targetRate: 40, dropoutShare: 0 }).activeCount()).toBe(200);
    // 0.0002 × (30 min / 5 s) = 7.2 % of the time silent.
    expect(fleetSizeFor(40, {})).toBe(214);
    const firstMinute = items.filter((_, index) => (sentAt[index] as number) < T0 + 60_000);
    expect(new Set(firstMinute.map((item) => item.payload.deviceId)).size).toBe(214);
    const types = new Set(firstMinute.map((item) => item.payload.deviceType));
    expect([...types].sort()).toEqual(['cold-storage', 'hvac', 'pump']);
  });

  it('keeps healthy readings inside their bands and puts spikes and drifts outside them', () => {
    const healthyOutside: string[] = [];
    const faultsInside: string[] = [];
    let faults = 0;
    for (const { payload, truth } of items) {
      for (const [metric, value] of Object.entries(payload.metrics)) {
        const spec = metricSpec(payload, metric);
        if (spec === undefined) continue;
        const inside = value >= spec.min && value <= spec.max;
        if (truth?.metric !== metric && !inside) healthyOutside.push(`${payload.readingId} ${metric}=${value}`);
        if (truth?.metric === metric && (truth.anomaly === 'spike' || truth.anomaly === 'drift')) {
          faults++;
          if (inside) faultsInside.push(`${payload.readingId} ${metric}=${value}`);
        }
      }
    }
    expect(healthyOutside).toEqual([]);
    expect(faultsInside).toEqual([]);
    expect(faults).toBeGreaterThan(100);
  });

  it('starts a rapid change with a step of at least most of the configured step size', () => {
    const lastValue = new Map<string, number>();
    const seenEpisodes = new Set<string>();
    let steps = 0;
    for (const { payload, truth } of firstDeliveries(items).sort((a, b) => a.payload.occurredAt.localeCompare(b.payload.occurredAt))) {
      for (const [metric, value] of Object.entries(payload.metrics)) {
        const key = `${payload.deviceId}/${metric}`;
        const spec = metricSpec(payload, metric);
        const previous = lastValue.get(key);
        lastValue.set(key, value);
        if (truth?.anomaly !== 'rapid-change' || truth.metric !== metric || seenEpisodes.has(truth.episodeId ?? '')) continue;
        seenEpisodes.add(truth.episodeId ?? '');
        if (previous === undefined || spec?.rapidStep === undefined) continue;
        expect(Math.abs(value - previous)).toBeGreaterThanOrEqual(spec.rapidStep[0] - 0.15 * (spec.max - spec.min));
        steps++;
      }
    }
    expect(steps).toBeGreaterThan(3);
  });

  it('labels the configured share of readings, and injects every kind of fault', () => {
    const generated = firstDeliveries(items);
    const labelled = generated.filter((item) => truthOf(item).anomaly !== undefined);
    expect(labelled.length / generated.length).toBeGreaterThan(0.009);
    expect(labelled.length / generated.length).toBeLessThan(0.011);
    expect(new Set(labelled.map((item) => truthOf(item).anomaly))).toEqual(new Set(['spike', 'drift', 'rapid-change']));

    const tripled = firstDeliveries(generate({ seed: 'fleet', targetRate: 40, anomalyShare: 0.03 }, 60_000).items);
    const share = tripled.filter((item) => truthOf(item).anomaly !== undefined).length / tripled.length;
    expect(share).toBeGreaterThan(0.027);
    expect(share).toBeLessThan(0.033);
  });

  it('delivers late, duplicate and dropout events near their configured shares', () => {
    const generated = firstDeliveries(items).length;
    const count = (predicate: (truth: IotTruth) => boolean): number => items.filter((item) => predicate(truthOf(item))).length;
    expect(count((truth) => truth.delivery === 'out-of-order') / generated).toBeCloseTo(0.005, 2);
    expect(count((truth) => truth.delivery === 'duplicate') / generated).toBeCloseTo(0.005, 2);
    expect(count((truth) => truth.dropoutStart !== undefined)).toBeGreaterThan(3);
  });

  it('numbers each device’s readings 0, 1, 2 … and sends in-order readings in that order', () => {
    const inOrder = new Map<string, number[]>();
    const all = new Map<string, Set<number>>();
    for (const { payload, truth } of items) {
      const sequences = all.get(payload.deviceId) ?? new Set<number>();
      all.set(payload.deviceId, sequences.add(payload.sequence));
      if (truth?.delivery !== undefined) continue;
      inOrder.set(payload.deviceId, [...(inOrder.get(payload.deviceId) ?? []), payload.sequence]);
    }
    for (const [deviceId, sequences] of inOrder) {
      expect(sequences.every((sequence, index) => index === 0 || sequence > (sequences[index - 1] as number))).toBe(true);
      const delivered = all.get(deviceId) as Set<number>;
      const highest = Math.max(...delivered);
      // Only a reading still held back when the run stopped may be missing.
      const missing = Array.from({ length: highest + 1 }, (_, sequence) => sequence).filter((sequence) => !delivered.has(sequence));
      expect(missing.length).toBeLessThanOrEqual(1);
    }
  });

  it('sends an out-of-order reading unchanged, after a newer reading of the same device', () => {
    const late = items.flatMap((item, index) => (truthOf(item).delivery === 'out-of-order' ? [{ item, index }] : []));
    expect(late.length).toBeGreaterThan(100);
    for (const { item, index } of late) {
      const newer = items
        .slice(0, index)
        .find((earlier) => earlier.payload.deviceId === item.payload.deviceId && earlier.payload.sequence > item.payload.sequence);
      expect(newer).toBeDefined();
      expect(newer!.payload.occurredAt > item.payload.occurredAt).toBe(true);
      expect(Date.parse(item.payload.occurredAt)).toBeLessThan(sentAt[index] as number);
      expect(items.filter((other) => other.id === item.id && truthOf(other).delivery !== 'duplicate')).toHaveLength(1);
    }
  });

  it('repeats a duplicate unchanged, more than one full request after the first copy', () => {
    const repeats = items.flatMap((item, index) => (truthOf(item).delivery === 'duplicate' ? [{ item, index }] : []));
    expect(repeats.length).toBeGreaterThan(100);
    for (const { item, index } of repeats) {
      const firstIndex = items.findIndex((other) => other.id === item.id);
      expect(firstIndex).toBeLessThan(index - MAX_BATCH_SIZE);
      const first = items[firstIndex] as Item;
      expect(item.payload).toEqual(first.payload);
      expect({ ...truthOf(item), delivery: undefined }).toEqual({ ...truthOf(first), delivery: undefined });
    }
  });

  it('marks a device’s last reading before a dropout and keeps it silent for the dropout', () => {
    const dropoutMs = 10 * 60_000;
    const run = generate({ seed: 'silence', targetRate: 20, dropoutShare: 0.002, dropoutMs }, 40_000);
    const dropouts = run.items.flatMap((item, index) => (truthOf(item).dropoutStart !== undefined ? [{ item, index }] : []));
    expect(dropouts.length).toBeGreaterThan(20);
    let resumed = 0;
    for (const { item, index } of dropouts) {
      expect(truthOf(item)).toMatchObject({ dropoutStart: item.payload.occurredAt, dropoutMs });
      const { deviceId, sequence } = item.payload;
      const next = run.items.slice(index + 1).find((later) => later.payload.deviceId === deviceId && later.payload.sequence > sequence);
      if (next === undefined) continue;
      resumed++;
      // The clock follows the runner; silenced devices make the simulated time run slightly ahead of it.
      expect(Date.parse(next.payload.occurredAt) - Date.parse(item.payload.occurredAt)).toBeGreaterThan(0.9 * dropoutMs);
    }
    expect(resumed).toBeGreaterThan(10);
  });

  it('rejects impossible options', () => {
    expect(() => createIotGenerator({ seed: 1, targetRate: 0 })).toThrow(RangeError);
    expect(() => createIotGenerator({ seed: 1, targetRate: 10, anomalyShare: 1 })).toThrow(/anomalyShare/);
    expect(() => createIotGenerator({ seed: 1, targetRate: 10, duplicateShare: -0.1 })).toThrow(/duplicateShare/);
    expect(() => createIotGenerator({ seed: 1, targetRate: 10, dropoutMs: 0 })).toThrow(/dropoutMs/);
  });
});
