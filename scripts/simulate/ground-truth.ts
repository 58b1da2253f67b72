// Ground truth of a simulation: the JSONL log of accepted items' labels, and pure scores of detections against it.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { IotTruth } from './iot-devices';
import type { FraudPattern, PaymentTruth } from './payments-fraud';
import type { TrafficItem } from './traffic';

/** One line of a truth log. */
export interface TruthRecord<T> {
  id: string;
  truth: T;
}

export interface TruthLog {
  readonly path: string;
  /** Lines written so far. */
  readonly written: number;
  /** Appends one line per item that carries truth. */
  record(items: ReadonlyArray<TrafficItem<unknown, unknown>>): void;
  close(): void;
}

/**
 * Opens (truncates) `path` at once, so a wrong path fails before any traffic is sent. Writes are synchronous,
 * one per settled batch: a few hundred short lines, cheaper than managing a stream's back-pressure, and the
 * file is complete whenever the run stops.
 */
export function createTruthLog(path: string): TruthLog {
  const descriptor = openSync(path, 'w');
  let written = 0;
  let open = true;
  return {
    path,
    get written() {
      return written;
    },
    record(items) {
      const lines = items
        .filter((item) => item.truth !== undefined)
        .map(({ id, truth }) => `${JSON.stringify({ id, truth })}\n`);
      if (lines.length === 0) return;
      writeSync(descriptor, lines.join(''));
      written += lines.length;
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(descriptor);
    },
  };
}

/** Parses a truth log's text; blank lines are skipped, anything else that is not `{ id, truth }` throws. */
export function parseTruthLog<T>(text: string): Array<TruthRecord<T>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = JSON.parse(line) as unknown;
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { id?: unknown }).id !== 'string' || !('truth' in parsed)) {
        throw new Error(`Line ${index + 1} of the truth log is not { id, truth }`);
      }
      return parsed as TruthRecord<T>;
    });
}

// Fraud: per-transaction precision and recall, and recall per episode.

export interface Recall {
  detected: number;
  total: number;
  /** detected / total; 1 when total is 0. */
  recall: number;
}

/** Per pattern: transactions alerted, and episodes with at least one alerted transaction. */
export interface PatternRecall extends Recall {
  episodes: Recall;
}

export interface FraudScore {
  /** Alerted and fraudulent. */
  tp: number;
  /** Alerted but genuine. */
  fp: number;
  /** Fraudulent but not alerted. */
  fn: number;
  /** tp / (tp + fp); 1 when nothing was alerted (no alert was wrong). */
  precision: number;
  /** tp / (tp + fn); 1 when there was no fraud to find. */
  recall: number;
  byPattern: Partial<Record<FraudPattern, PatternRecall>>;
  /**
   * Episodes with at least one alerted transaction: a velocity burst or a card test is caught when one of its
   * transactions is, though its first transactions look innocent on their own (rules see only the past).
   */
  episodes: Recall;
  /** Alerted ids without truth (not generated, or not accepted): left out of every figure above. */
  unknownAlerts: number;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

type TruthLookup<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

const entriesOf = <T>(truth: TruthLookup<T>): Array<[string, T]> =>
  truth instanceof Map ? [...(truth as ReadonlyMap<string, T>).entries()] : Object.entries(truth as Readonly<Record<string, T>>);

/**
 * Scores alerts against the truth, per transaction. Pass the truth of the transactions the pipeline received
 * (the accepted ones, as in a truth log) and the ids of transactions it alerted on (for example each alert's
 * `details.transactionId`); duplicates in either count once.
 */
export function fraudPrecisionRecall(truthByTxId: TruthLookup<PaymentTruth>, alertedTxIds: Iterable<string>): FraudScore {
  const truth = new Map(entriesOf(truthByTxId));
  const alerted = new Set(alertedTxIds);
  let tp = 0;
  let fp = 0;
  const fraudulent: LabelledOutcome[] = [];
  for (const [id, label] of truth) {
    const hit = alerted.has(id);
    if (label.fraud) fraudulent.push({ id, label, hit });
    if (hit && label.fraud) tp++;
    if (hit && !label.fraud) fp++;
  }
  const byPattern: Partial<Record<FraudPattern, PatternRecall>> = {};
  for (const pattern of new Set(fraudulent.flatMap(({ label }) => label.pattern ?? []))) {
    const ofPattern = fraudulent.filter(({ label }) => label.pattern === pattern);
    byPattern[pattern] = { ...recallOf(ofPattern), episodes: episodeRecall(ofPattern) };
  }
  return {
    tp,
    fp,
    fn: fraudulent.length - tp,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, fraudulent.length),
    byPattern,
    episodes: episodeRecall(fraudulent),
    unknownAlerts: [...alerted].filter((id) => !truth.has(id)).length,
  };
}

interface LabelledOutcome {
  id: string;
  label: PaymentTruth;
  hit: boolean;
}

function recallOf(outcomes: ReadonlyArray<{ hit: boolean }>): Recall {
  const detected = outcomes.filter(({ hit }) => hit).length;
  return { detected, total: outcomes.length, recall: ratio(detected, outcomes.length) };
}

/** A fraudulent transaction without an episode id is an episode of its own. */
function episodeRecall(fraudulent: readonly LabelledOutcome[]): Recall {
  const episodes = new Map<string, boolean>();
  for (const { id, label, hit } of fraudulent) {
    const episodeId = label.episodeId ?? id;
    episodes.set(episodeId, (episodes.get(episodeId) ?? false) || hit);
  }
  return recallOf([...episodes.values()].map((hit) => ({ hit })));
}

// IoT: anomaly episodes from the truth, and the share of them an alert explains.

export type IotAnomalyKind = NonNullable<IotTruth['anomaly']> | 'dropout';

/** One injected fault or dropout, over event time. */
export interface IotAnomaly {
  kind: IotAnomalyKind;
  deviceId: string;
  /** The faulty metric; absent for a dropout. */
  metric?: string;
  /** First labelled reading, or the last reading before the silence (ISO UTC). */
  startedAt: string;
  /** Last labelled reading, or the end of the planned silence (ISO UTC). */
  endedAt: string;
}

/** What the scorer needs of an alert; see iotAlertObservation for the project's Alert shape. */
export interface IotAlertObservation {
  deviceId: string;
  /** The alerting rule, e.g. "above-max", "rate-of-change", "stale". */
  rule: string;
  /** The metric the rule looked at; absent for stale alerts. */
  metric?: string;
  /** Event time the alert is about (ISO UTC). */
  occurredAt: string;
}

/** The fields of shared/alerts/alert.ts's Alert the scorer reads. */
export interface AlertLike {
  entityId: string;
  rule: string;
  occurredAt: string;
  details: Readonly<Record<string, string | number | boolean | null>>;
}

const DEVICE_ENTITY_PREFIX = 'device#';

/** Device alerts are stored under "device#<deviceId>" with the metric in `details.metric`. */
export function iotAlertObservation(alert: AlertLike): IotAlertObservation {
  const deviceId = alert.entityId.startsWith(DEVICE_ENTITY_PREFIX) ? alert.entityId.slice(DEVICE_ENTITY_PREFIX.length) : alert.entityId;
  const metric = alert.details.metric;
  return { deviceId, rule: alert.rule, occurredAt: alert.occurredAt, ...(typeof metric === 'string' ? { metric } : {}) };
}

/**
 * Groups labelled readings into anomalies (by episode id) and turns dropout marks into dropouts. Repeated ids
 * (a reading delivered twice) count once. Order does not matter: late deliveries are placed by event time.
 */
export function iotAnomaliesFromTruth(records: Iterable<TruthRecord<IotTruth>>): IotAnomaly[] {
  const seen = new Set<string>();
  const anomalies = new Map<string, IotAnomaly>();
  for (const { id, truth } of records) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (truth.anomaly !== undefined) {
      const key = truth.episodeId ?? `${truth.deviceId}#${truth.anomaly}#${truth.metric ?? ''}`;
      const known = anomalies.get(key);
      if (known === undefined) {
        anomalies.set(key, {
          kind: truth.anomaly,
          deviceId: truth.deviceId,
          ...(truth.metric === undefined ? {} : { metric: truth.metric }),
          startedAt: truth.occurredAt,
          endedAt: truth.occurredAt,
        });
      } else {
        if (truth.occurredAt < known.startedAt) known.startedAt = truth.occurredAt;
        if (truth.occurredAt > known.endedAt) known.endedAt = truth.occurredAt;
      }
    }
    if (truth.dropoutStart !== undefined) {
      const endedAt = new Date(Date.parse(truth.dropoutStart) + (truth.dropoutMs ?? 0)).toISOString();
      anomalies.set(`${truth.deviceId}#dropout#${truth.dropoutStart}`, {
        kind: 'dropout',
        deviceId: truth.deviceId,
        startedAt: truth.dropoutStart,
        endedAt,
      });
    }
  }
  return [...anomalies.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.deviceId.localeCompare(b.deviceId));
}

export interface IotDetectionOptions {
  /** An alert counts if its event time is within this much of the anomaly (default 2 min). */
  toleranceMs?: number;
  /** The rule name of missing-heartbeat alerts (default "stale"). */
  staleRule?: string;
  /**
   * When the pipeline was last looked at (ISO UTC). Anomalies not over by then (a dropout planned to last
   * past the end of the run) are left out and counted as `pending`: nobody could have seen them complete.
   */
  observedUntil?: string;
}

export interface KindDetection {
  detected: number;
  total: number;
  rate: number;
}

export interface IotDetectionScore {
  detected: number;
  total: number;
  /** detected / total; 1 when nothing was injected. */
  rate: number;
  byKind: Partial<Record<IotAnomalyKind, KindDetection>>;
  missed: IotAnomaly[];
  /** Anomalies left out because they were not over at `observedUntil`. */
  pending: number;
  /** Alerts that explain no anomaly: false alarms, or detections outside the tolerance. */
  unexplainedAlerts: number;
}

function explains(alert: IotAlertObservation, anomaly: IotAnomaly, toleranceMs: number, staleRule: string): boolean {
  if (alert.deviceId !== anomaly.deviceId) return false;
  const isStale = alert.rule === staleRule;
  if (anomaly.kind === 'dropout' ? !isStale : isStale || alert.metric !== anomaly.metric) return false;
  const at = Date.parse(alert.occurredAt);
  return at >= Date.parse(anomaly.startedAt) - toleranceMs && at <= Date.parse(anomaly.endedAt) + toleranceMs;
}

/**
 * An anomaly is detected when an alert on the same device explains it within the tolerance: for a fault, one
 * about the same metric (any rule: a drift may be caught by a threshold or by its rate of change); for a
 * dropout, a stale alert (whose event time is the last contact, i.e. the start of the silence).
 */
export function iotDetectionRate(
  injected: readonly IotAnomaly[],
  alerts: readonly IotAlertObservation[],
  options: IotDetectionOptions = {},
): IotDetectionScore {
  const { observedUntil } = options;
  const anomalies = observedUntil === undefined ? injected : injected.filter((anomaly) => anomaly.endedAt <= observedUntil);
  const toleranceMs = options.toleranceMs ?? 2 * 60_000;
  const staleRule = options.staleRule ?? 'stale';
  const alertsByDevice = new Map<string, IotAlertObservation[]>();
  for (const alert of alerts) {
    const deviceAlerts = alertsByDevice.get(alert.deviceId);
    if (deviceAlerts === undefined) alertsByDevice.set(alert.deviceId, [alert]);
    else deviceAlerts.push(alert);
  }
  const explaining = new Set<IotAlertObservation>();
  const byKind: Partial<Record<IotAnomalyKind, KindDetection>> = {};
  const missed: IotAnomaly[] = [];
  for (const anomaly of anomalies) {
    const matches = (alertsByDevice.get(anomaly.deviceId) ?? []).filter((alert) => explains(alert, anomaly, toleranceMs, staleRule));
    matches.forEach((alert) => explaining.add(alert));
    const kind = (byKind[anomaly.kind] ??= { detected: 0, total: 0, rate: 0 });
    kind.total++;
    if (matches.length > 0) kind.detected++;
    else missed.push(anomaly);
  }
  for (const kind of Object.values(byKind)) kind.rate = ratio(kind.detected, kind.total);
  const detected = anomalies.length - missed.length;
  return {
    detected,
    total: anomalies.length,
    rate: ratio(detected, anomalies.length),
    byKind,
    missed,
    pending: injected.length - anomalies.length,
    unexplainedAlerts: alerts.filter((alert) => !explaining.has(alert)).length,
  };
}
