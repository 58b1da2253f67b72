// Device state as a pure fold: state + newly delivered readings → next state and the alerts they raise (idempotent per record and per reading id).
import type { Alert } from '../alerts/alert';
import { METRICS, type IotRecord } from '../events/iot';
import { compactEventId, wasRecentlyApplied, withAppliedEventId, type CompactEventId, type RecentEventIds } from '../streams/recent-event-ids';
import {
  inShardSequenceOrder,
  isAlreadyApplied,
  withAppliedPosition,
  type ShardPosition,
} from '../streams/shard-sequence';
import type { DeviceRules } from './device-rules';
import { RECENT_READING_IDS_PER_DEVICE, type DeviceState } from './device-state';
import { compareToLatest } from './reading-order';
import { evaluateReading, type EvaluationContext } from './rule-evaluation';

/** A reading with its position in the stream; the position is what makes re-applying a record a no-op. */
export interface SequencedReading extends ShardPosition {
  payload: IotRecord;
}

export const UNCHANGED = 'unchanged';
export type Unchanged = typeof UNCHANGED;

export interface ReadingCounts {
  /** Readings that changed the state (newer and late ones). */
  applied: number;
  /** Of those, readings older than the latest one. */
  late: number;
  /** Readings whose readingId is among the recently applied ones: resent by a client, ignored. */
  resent: number;
  /** Readings equal to the latest one by (occurredAt, sequence) under another readingId: resent by the device, ignored. */
  duplicates: number;
  /** Records at or below the state's last applied sequence number for their shard: a Lambda retry. */
  redelivered: number;
}

export interface ReadingsOutcome {
  next: DeviceState | Unchanged;
  /** One per de-duplication key (the first reading in stream order that raised it). */
  alerts: Alert[];
  counts: ReadingCounts;
}

/** Leaves an absent optional field out of the item instead of storing `undefined`. */
const withDefined = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** The previous baselines with this reading's metrics (those it carries) replacing theirs. */
function withMetricValues(previous: DeviceState['lastMetricValues'] | undefined, record: IotRecord): DeviceState['lastMetricValues'] {
  const values = { ...previous };
  for (const metric of METRICS) {
    const value = record.metrics[metric];
    if (value !== undefined) values[metric] = { value, at: record.occurredAt };
  }
  return values;
}

const withReadingId = (recent: RecentEventIds | undefined, id: CompactEventId): RecentEventIds =>
  withAppliedEventId(recent, id, RECENT_READING_IDS_PER_DEVICE);

function withNewerReading(state: DeviceState | undefined, { payload, ...position }: SequencedReading, id: CompactEventId): DeviceState {
  const { readingId, sequence, occurredAt, receivedAt, metrics, location } = payload;
  return {
    deviceId: payload.deviceId,
    deviceType: payload.deviceType,
    latestReading: { readingId, sequence, occurredAt, receivedAt, metrics, ...withDefined('location', location) },
    lastSeenAt: occurredAt,
    firstSeenAt: state?.firstSeenAt ?? occurredAt,
    ...withDefined('lastKnownLocation', location ?? state?.lastKnownLocation),
    lastMetricValues: withMetricValues(state?.lastMetricValues, payload),
    counters: { readings: (state?.counters.readings ?? 0) + 1, lateReadings: state?.counters.lateReadings ?? 0 },
    lastSequenceByShard: withAppliedPosition(state?.lastSequenceByShard ?? {}, position),
    recentReadingIds: withReadingId(state?.recentReadingIds, id),
  };
}

/**
 * A late reading is counted and may move `firstSeenAt` back, but never touches the latest reading or the baselines.
 * A copy then assignments, not `{ ...state, … }`: V8 builds a spread followed by overrides through a slow path.
 */
function withLateReading(state: DeviceState, { payload, ...position }: SequencedReading, id: CompactEventId): DeviceState {
  const next = { ...state };
  next.firstSeenAt = payload.occurredAt < state.firstSeenAt ? payload.occurredAt : state.firstSeenAt;
  next.counters = { readings: state.counters.readings + 1, lateReadings: state.counters.lateReadings + 1 };
  next.lastSequenceByShard = withAppliedPosition(state.lastSequenceByShard, position);
  next.recentReadingIds = withReadingId(state.recentReadingIds, id);
  return next;
}

/**
 * Applies the records of ONE device in stream order, evaluating each reading against the state just before it.
 * Three kinds of repetition are skipped entirely, so counters never move twice and no alert is evaluated twice:
 *  - a Lambda retry redelivers records whose sequence number the state already holds;
 *  - a client resends readings the API had already accepted (new stream records, the same readingIds): caught
 *    while fewer than RECENT_READING_IDS_PER_DEVICE other readings of the device were applied in between;
 *  - a device resends its latest reading under a new readingId (same occurredAt and sequence).
 * An older resend under a new readingId is indistinguishable from a late reading and is counted as late; its
 * alerts have the same keys as the first time, so the alert store drops them.
 * Returns 'unchanged' when nothing applied, so the caller can skip the write.
 */
export function applyReadings(
  state: DeviceState | undefined,
  records: readonly SequencedReading[],
  rules: DeviceRules,
  context: EvaluationContext,
): ReadingsOutcome {
  const counts: ReadingCounts = { applied: 0, late: 0, resent: 0, duplicates: 0, redelivered: 0 };
  const alerts = new Map<string, Alert>();
  let current = state;
  for (const record of inShardSequenceOrder(records)) {
    if (isAlreadyApplied(current?.lastSequenceByShard, record)) {
      counts.redelivered += 1;
      continue;
    }
    const readingId = compactEventId(record.payload.readingId);
    // Its sequence number need not be kept: any reading that pushes the id out of the list comes later in the shard.
    if (wasRecentlyApplied(current?.recentReadingIds, readingId)) {
      counts.resent += 1;
      continue;
    }
    const order = compareToLatest(record.payload, current?.latestReading);
    if (order === 'duplicate') {
      counts.duplicates += 1;
      continue;
    }
    for (const alert of evaluateReading(rules, current, record.payload, context)) {
      if (!alerts.has(alert.alertId)) alerts.set(alert.alertId, alert);
    }
    counts.applied += 1;
    if (order === 'older' && current !== undefined) {
      counts.late += 1;
      current = withLateReading(current, record, readingId);
    } else {
      current = withNewerReading(current, record, readingId);
    }
  }
  return { next: current === state || current === undefined ? UNCHANGED : current, alerts: [...alerts.values()], counts };
}
