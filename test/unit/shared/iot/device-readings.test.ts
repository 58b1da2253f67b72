// Unit tests: the device-state fold (newer, late, duplicate, resent and redelivered readings; alerts against the right previous state).
import fc from 'fast-check';
import { applyReadings, UNCHANGED, type ReadingsOutcome, type SequencedReading } from '../../../../shared/iot/device-readings';
import { deviceStateSchema, RECENT_READING_IDS_PER_DEVICE, type DeviceState } from '../../../../shared/iot/device-state';
import { compareToLatest } from '../../../../shared/iot/reading-order';
import { compactEventId } from '../../../../shared/streams/recent-event-ids';
import { at, EVALUATION, sequenced, SHARD, T0, testRules, uuid } from './fixtures';

const apply = (state: DeviceState | undefined, records: SequencedReading[]): ReadingsOutcome =>
  applyReadings(state, records, testRules, EVALUATION);

function applied(state: DeviceState | undefined, records: SequencedReading[]): DeviceState {
  const { next } = apply(state, records);
  if (next === UNCHANGED) throw new Error('expected a change');
  return next;
}

describe('applyReadings', () => {
  it('starts a device from its first reading', () => {
    const state = applied(undefined, [sequenced(1, { location: { lat: 53.5, lon: 9.9 } })]);
    expect(state).toEqual({
      deviceId: 'fridge-1',
      deviceType: 'cold-storage',
      latestReading: {
        readingId: uuid(1),
        sequence: 1,
        occurredAt: at(60),
        receivedAt: at(61),
        metrics: { temperature: 4, humidity: 60 },
        location: { lat: 53.5, lon: 9.9 },
      },
      lastSeenAt: at(60),
      firstSeenAt: at(60),
      lastKnownLocation: { lat: 53.5, lon: 9.9 },
      lastMetricValues: { temperature: { value: 4, at: at(60) }, humidity: { value: 60, at: at(60) } },
      counters: { readings: 1, lateReadings: 0 },
      lastSequenceByShard: { [SHARD]: '1' },
      recentReadingIds: compactEventId(uuid(1)),
    });
  });

  it('replaces the latest reading with a newer one and keeps each metric’s last value', () => {
    const state = applied(undefined, [sequenced(1), sequenced(2, { metrics: { battery: 80 } })]);
    expect(state.latestReading).toMatchObject({ sequence: 2, metrics: { battery: 80 } });
    expect(state.lastMetricValues).toEqual({
      temperature: { value: 4, at: at(60) },
      humidity: { value: 60, at: at(60) },
      battery: { value: 80, at: at(120) },
    });
    expect(state.counters).toEqual({ readings: 2, lateReadings: 0 });
  });

  it('keeps the last known location when newer readings come without one, and ignores a late reading’s', () => {
    const state = applied(undefined, [sequenced(1, { location: { lat: 53.5, lon: 9.9, site: 'hamburg' } }), sequenced(3)]);
    expect(state.latestReading).not.toHaveProperty('location');
    expect(state.lastKnownLocation).toEqual({ lat: 53.5, lon: 9.9, site: 'hamburg' });
    const late = applied(state, [sequenced(2, { location: { lat: 1, lon: 1 } }, { streamSequence: 4 })]);
    expect(late.lastKnownLocation).toEqual({ lat: 53.5, lon: 9.9, site: 'hamburg' });
  });

  it('never lets a late reading overwrite the latest one, but counts it and moves firstSeenAt back', () => {
    const state = applied(undefined, [sequenced(5)]);
    const next = applied(state, [sequenced(3, { metrics: { temperature: 5 } }, { streamSequence: 6 })]);
    expect(next.latestReading).toEqual(state.latestReading);
    expect(next.lastSeenAt).toBe(at(300));
    expect(next.lastMetricValues).toEqual(state.lastMetricValues);
    expect(next.firstSeenAt).toBe(at(180));
    expect(next.counters).toEqual({ readings: 2, lateReadings: 1 });
    expect(next.lastSequenceByShard).toEqual({ [SHARD]: '6' });
  });

  it('ignores a device resending its latest reading under a new readingId: no write, no alerts', () => {
    const state = applied(undefined, [sequenced(1, { metrics: { temperature: 9 } })]);
    const resent = apply(state, [sequenced(1, { readingId: uuid(99), metrics: { temperature: 9 } }, { streamSequence: 2 })]);
    expect(resent).toEqual({ next: UNCHANGED, alerts: [], counts: { applied: 0, late: 0, resent: 0, duplicates: 1, redelivered: 0 } });
  });

  it('skips records a Lambda retry redelivers, so counters move once and no alert is evaluated twice', () => {
    const batch = [sequenced(1), sequenced(2, { metrics: { temperature: 9 } }), sequenced(3)];
    const first = apply(undefined, batch);
    expect(first.alerts.map((alert) => alert.rule)).toEqual(['above-max', 'rate-of-change']);
    const state = first.next as DeviceState;

    expect(apply(state, batch)).toEqual({ next: UNCHANGED, alerts: [], counts: { applied: 0, late: 0, resent: 0, duplicates: 0, redelivered: 3 } });
    const withNew = apply(state, [...batch, sequenced(4)]);
    expect((withNew.next as DeviceState).counters.readings).toBe(4);
    expect(withNew.counts).toEqual({ applied: 1, late: 0, resent: 0, duplicates: 0, redelivered: 3 });
  });

  it('applies a batch in stream order whatever order it is given in', () => {
    const state = applied(undefined, [sequenced(3), sequenced(1), sequenced(2)]);
    expect(state.latestReading.sequence).toBe(3);
    expect(state.counters).toEqual({ readings: 3, lateReadings: 0 });
    expect(state.lastSequenceByShard).toEqual({ [SHARD]: '3' });
  });

  it('evaluates each reading against the state just before it, within one batch', () => {
    // 4 → 7 °C in one minute is a steep rise; 7 → 7.5 °C in the next is not, and is not compared with 4 °C.
    const { alerts } = apply(undefined, [
      sequenced(1),
      sequenced(2, { metrics: { temperature: 7 } }),
      sequenced(3, { metrics: { temperature: 7.5 } }),
    ]);
    expect(alerts.map((alert) => [alert.rule, alert.details.readingId])).toEqual([['rate-of-change', uuid(2)]]);
  });

  it('raises one alert per key in a batch: the first reading that crossed the limit in the window', () => {
    const { alerts } = apply(undefined, [
      sequenced(1, { metrics: { temperature: 9 } }),
      sequenced(2, { metrics: { temperature: 9 } }),
      sequenced(16, { metrics: { temperature: 9 } }),
    ]);
    expect(alerts.map((alert) => [alert.alertId, alert.details.readingId])).toEqual([
      ['2026-11-02T10:00:00.000Z#above-max#temperature', uuid(1)],
      ['2026-11-02T10:15:00.000Z#above-max#temperature', uuid(16)],
    ]);
  });

  it('tracks shards separately, so a device’s records from a child shard after resharding are applied', () => {
    const state = applied(undefined, [sequenced(1, {}, { streamSequence: 900 })]);
    const next = applied(state, [sequenced(2, {}, { streamSequence: 5, shardId: 'shardId-000000000001' })]);
    expect(next.lastSequenceByShard).toEqual({ [SHARD]: '900', 'shardId-000000000001': '5' });
  });
});

describe('applyReadings with client resends (same readingId, new record)', () => {
  /** Reading `n` sent again by a client: a new stream record at `streamSequence`, the same readingId and content. */
  const resend = (n: number, streamSequence: number, overrides: Parameters<typeof sequenced>[1] = {}): SequencedReading =>
    sequenced(n, overrides, { streamSequence });

  it('skips a resent older reading entirely: not counted as late, no alert evaluated, no write', () => {
    const breach = { metrics: { temperature: 9 } };
    const first = apply(undefined, [sequenced(1), sequenced(2, breach), sequenced(3)]);
    expect(first.alerts.length).toBeGreaterThan(0);
    const state = first.next as DeviceState;
    expect(apply(state, [resend(2, 4, breach), resend(1, 5)])).toEqual({
      next: UNCHANGED,
      alerts: [],
      counts: { applied: 0, late: 0, resent: 2, duplicates: 0, redelivered: 0 },
    });
  });

  it('skips a resent latest reading by its id', () => {
    const state = applied(undefined, [sequenced(1)]);
    expect(apply(state, [resend(1, 2)]).counts).toEqual({ applied: 0, late: 0, resent: 1, duplicates: 0, redelivered: 0 });
  });

  it('counts a reading once when its resend arrives in the same batch, and keeps applying new ones', () => {
    const { next, counts } = apply(undefined, [sequenced(2), sequenced(1, {}, { streamSequence: 3 }), resend(1, 4), sequenced(5)]);
    expect(counts).toEqual({ applied: 3, late: 1, resent: 1, duplicates: 0, redelivered: 0 });
    expect((next as DeviceState).counters).toEqual({ readings: 3, lateReadings: 1 });
    expect((next as DeviceState).lastSequenceByShard).toEqual({ [SHARD]: '5' });
  });

  it('counts a late reading with a different id as late, even with the same content as an applied one', () => {
    const state = applied(undefined, [sequenced(1), sequenced(2)]);
    const late = apply(state, [sequenced(1, { readingId: uuid(50), sequence: 0 }, { streamSequence: 3 })]);
    expect(late.counts).toEqual({ applied: 1, late: 1, resent: 0, duplicates: 0, redelivered: 0 });
  });

  it('remembers the last RECENT_READING_IDS_PER_DEVICE ids: an older reading resent counts as late again (the documented bound)', () => {
    const readings = Array.from({ length: RECENT_READING_IDS_PER_DEVICE + 1 }, (_, i) => sequenced(i + 1));
    const state = applied(undefined, readings);
    expect(apply(state, [resend(1, 100)]).counts).toMatchObject({ applied: 1, late: 1, resent: 0 });
    expect(apply(state, [resend(2, 100)]).counts).toMatchObject({ applied: 0, resent: 1 });
    expect(state.recentReadingIds).toHaveLength(RECENT_READING_IDS_PER_DEVICE * 22);
  });

  it('reads a device stored before reading ids were remembered, and starts remembering them', () => {
    const { recentReadingIds: _absent, ...stored } = applied(undefined, [sequenced(1), sequenced(2)]);
    const before = deviceStateSchema.parse(stored);
    expect(before.recentReadingIds).toBeUndefined();
    expect(apply(before, [resend(1, 3)]).counts).toMatchObject({ late: 1 }); // not remembered yet: the old behaviour
    const next = applied(before, [sequenced(4, {}, { streamSequence: 4 })]);
    expect(apply(next, [resend(4, 5)]).counts).toMatchObject({ applied: 0, resent: 1 });
  });
});

describe('applyReadings under any delivery order', () => {
  /** Distinct readings (by occurredAt, sequence) delivered in any order, repeated by clients and by Lambda retries. */
  const deliveries = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 })), {
      minLength: 1,
      maxLength: RECENT_READING_IDS_PER_DEVICE,
      selector: ([minute, sequence]) => `${minute}:${sequence}`,
    })
    .chain((readings) =>
      fc.record({
        order: fc.array(fc.nat(readings.length - 1), { minLength: 1, maxLength: 30 }),
        batchSizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 30, maxLength: 30 }),
        redeliver: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        readings: fc.constant(readings),
      }),
    );

  it('keeps the newest reading seen, never regresses lastSeenAt, and leaves the state alone on redelivery', () => {
    fc.assert(
      fc.property(deliveries, ({ readings, order, batchSizes, redeliver }) => {
        const stream = order.map((index, position) => {
          const [minute, sequence] = readings[index] as [number, number];
          return sequenced(sequence, { readingId: uuid(index + 1), occurredAt: at(minute * 60) }, { streamSequence: position + 1 });
        });
        let state: DeviceState | undefined;
        let newest: SequencedReading['payload'] | undefined;
        for (let start = 0, batch = 0; start < stream.length; start += batchSizes[batch] ?? 1, batch += 1) {
          const records = stream.slice(start, start + (batchSizes[batch] ?? 1));
          for (const { payload } of records) if (compareToLatest(payload, newest) === 'newer') newest = payload;
          const lastSeenBefore = state?.lastSeenAt ?? T0;
          const { next } = apply(state, records);
          if (next !== UNCHANGED) state = next;

          expect(state?.latestReading.readingId).toBe(newest?.readingId);
          expect(state !== undefined && state.lastSeenAt >= lastSeenBefore).toBe(true);
          if (redeliver[batch] === true) expect(apply(state, records).next).toBe(UNCHANGED);
        }
        // At most RECENT_READING_IDS_PER_DEVICE distinct readings, so every repeat is within the remembered ids.
        expect(state?.counters.readings).toBe(new Set(order).size);
      }),
    );
  });
});
