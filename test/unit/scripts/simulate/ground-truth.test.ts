// Ground truth: the JSONL truth log, fraud precision/recall and IoT detection rate on hand-made cases.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTruthLog,
  fraudPrecisionRecall,
  iotAlertObservation,
  iotAnomaliesFromTruth,
  iotDetectionRate,
  parseTruthLog,
  type IotAlertObservation,
  type IotAnomaly,
  type TruthRecord,
} from '../../../../scripts/simulate/ground-truth';
import type { IotTruth } from '../../../../scripts/simulate/iot-devices';
import type { PaymentTruth } from '../../../../scripts/simulate/payments-fraud';

describe('truth log', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'truth-log-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes one JSON line per item with truth, and reads them back', () => {
    const path = join(directory, 'truth.jsonl');
    const log = createTruthLog(path);
    log.record([
      { id: 'a', payload: { amount: 1 }, truth: { fraud: false } },
      { id: 'b', payload: { amount: 2 } },
    ]);
    log.record([{ id: 'c', payload: { amount: 3 }, truth: { fraud: true, pattern: 'velocity' } }]);
    log.record([]);
    log.close();
    log.close();

    const text = readFileSync(path, 'utf8');
    expect(text).toBe('{"id":"a","truth":{"fraud":false}}\n{"id":"c","truth":{"fraud":true,"pattern":"velocity"}}\n');
    expect(log.written).toBe(2);
    expect(parseTruthLog<PaymentTruth>(`${text}\n`)).toEqual([
      { id: 'a', truth: { fraud: false } },
      { id: 'c', truth: { fraud: true, pattern: 'velocity' } },
    ]);
  });

  it('fails at once on a path it cannot write, and on a line that is not { id, truth }', () => {
    expect(() => createTruthLog(join(directory, 'missing', 'truth.jsonl'))).toThrow(/ENOENT/);
    expect(() => parseTruthLog('{"id":"a","truth":{}}\n{"truth":{}}\n')).toThrow(/Line 2/);
  });
});

describe('fraudPrecisionRecall', () => {
  const truth: Record<string, PaymentTruth> = {
    a: { fraud: true, pattern: 'velocity', episodeId: 'velocity#1' },
    b: { fraud: true, pattern: 'velocity', episodeId: 'velocity#1' },
    c: { fraud: false },
    d: { fraud: false },
    e: { fraud: true, pattern: 'amount-anomaly', episodeId: 'amount-anomaly#2' },
    f: { fraud: true, pattern: 'new-country' },
  };

  it('counts per transaction, per pattern and per episode', () => {
    const score = fraudPrecisionRecall(truth, ['b', 'c', 'b', 'not-generated']);
    expect(score).toEqual({
      tp: 1,
      fp: 1,
      fn: 3,
      precision: 0.5,
      recall: 0.25,
      byPattern: {
        velocity: { detected: 1, total: 2, recall: 0.5, episodes: { detected: 1, total: 1, recall: 1 } },
        'amount-anomaly': { detected: 0, total: 1, recall: 0, episodes: { detected: 0, total: 1, recall: 0 } },
        'new-country': { detected: 0, total: 1, recall: 0, episodes: { detected: 0, total: 1, recall: 0 } },
      },
      episodes: { detected: 1, total: 3, recall: 1 / 3 },
      unknownAlerts: 1,
    });
  });

  it('takes a Map as well as a record, and counts nothing alerted as precise', () => {
    expect(fraudPrecisionRecall(new Map(Object.entries(truth)), ['b', 'c'])).toEqual(fraudPrecisionRecall(truth, ['c', 'b']));
    expect(fraudPrecisionRecall(truth, [])).toMatchObject({ tp: 0, fp: 0, fn: 4, precision: 1, recall: 0 });
    expect(fraudPrecisionRecall({ c: { fraud: false } }, [])).toMatchObject({ precision: 1, recall: 1, byPattern: {} });
    expect(fraudPrecisionRecall(truth, ['a', 'b', 'e', 'f'])).toMatchObject({ precision: 1, recall: 1, fp: 0, fn: 0 });
  });
});

const reading = (id: string, deviceId: string, occurredAt: string, label: Partial<IotTruth> = {}): TruthRecord<IotTruth> => ({
  id,
  truth: { deviceId, occurredAt, ...label },
});

describe('iotAnomaliesFromTruth', () => {
  it('groups labelled readings by episode, places late ones by event time, counts repeats once and adds dropouts', () => {
    const spike = { anomaly: 'spike', metric: 'temperature', episodeId: 'cold-1#1' } as const;
    const drift = { anomaly: 'drift', metric: 'humidity', episodeId: 'hvac-1#2' } as const;
    const anomalies = iotAnomaliesFromTruth([
      reading('r1', 'cold-1', '2026-03-02T10:00:00.000Z'),
      reading('r3', 'hvac-1', '2026-03-02T10:01:10.000Z', drift),
      reading('r2', 'cold-1', '2026-03-02T10:00:05.000Z', spike),
      reading('r4', 'hvac-1', '2026-03-02T10:01:00.000Z', { ...drift, delivery: 'out-of-order' }),
      reading('r5', 'hvac-1', '2026-03-02T10:01:20.000Z', drift),
      reading('r2', 'cold-1', '2026-03-02T10:00:05.000Z', { ...spike, delivery: 'duplicate' }),
      reading('r6', 'pump-1', '2026-03-02T10:02:00.000Z', { dropoutStart: '2026-03-02T10:02:00.000Z', dropoutMs: 1_800_000 }),
    ]);
    expect(anomalies).toEqual([
      { kind: 'spike', deviceId: 'cold-1', metric: 'temperature', startedAt: '2026-03-02T10:00:05.000Z', endedAt: '2026-03-02T10:00:05.000Z' },
      { kind: 'drift', deviceId: 'hvac-1', metric: 'humidity', startedAt: '2026-03-02T10:01:00.000Z', endedAt: '2026-03-02T10:01:20.000Z' },
      { kind: 'dropout', deviceId: 'pump-1', startedAt: '2026-03-02T10:02:00.000Z', endedAt: '2026-03-02T10:32:00.000Z' },
    ]);
  });
});

describe('iotDetectionRate', () => {
  const spike: IotAnomaly = { kind: 'spike', deviceId: 'cold-1', metric: 'temperature', startedAt: '2026-03-02T10:00:05.000Z', endedAt: '2026-03-02T10:00:05.000Z' };
  const drift: IotAnomaly = { kind: 'drift', deviceId: 'hvac-1', metric: 'humidity', startedAt: '2026-03-02T10:05:00.000Z', endedAt: '2026-03-02T10:06:00.000Z' };
  const dropout: IotAnomaly = { kind: 'dropout', deviceId: 'pump-1', startedAt: '2026-03-02T10:10:00.000Z', endedAt: '2026-03-02T10:40:00.000Z' };
  const alert = (deviceId: string, rule: string, occurredAt: string, metric?: string): IotAlertObservation => ({
    deviceId,
    rule,
    occurredAt,
    ...(metric === undefined ? {} : { metric }),
  });

  it('counts an anomaly as detected by an alert on the same device and metric (or a stale alert) within the tolerance', () => {
    const alerts = [
      alert('cold-1', 'above-max', '2026-03-02T10:00:05.000Z', 'temperature'),
      alert('hvac-1', 'above-max', '2026-03-02T10:05:30.000Z', 'temperature'),
      alert('hvac-1', 'above-max', '2026-03-02T10:09:00.000Z', 'humidity'),
      alert('pump-1', 'stale', '2026-03-02T10:10:00.000Z'),
      alert('pump-1', 'above-max', '2026-03-02T10:10:00.000Z', 'vibration'),
    ];
    const score = iotDetectionRate([spike, drift, dropout], alerts);
    expect(score).toEqual({
      detected: 2,
      total: 3,
      rate: 2 / 3,
      byKind: {
        spike: { detected: 1, total: 1, rate: 1 },
        drift: { detected: 0, total: 1, rate: 0 },
        dropout: { detected: 1, total: 1, rate: 1 },
      },
      missed: [drift],
      pending: 0,
      unexplainedAlerts: 3,
    });
    // Three minutes after the drift ended: inside a 5-minute tolerance.
    expect(iotDetectionRate([drift], alerts, { toleranceMs: 5 * 60_000 })).toMatchObject({ detected: 1, unexplainedAlerts: 4 });
  });

  it('leaves out anomalies not over when observation stopped, and scores nothing injected as complete', () => {
    const score = iotDetectionRate([spike, dropout], [], { observedUntil: '2026-03-02T10:30:00.000Z' });
    expect(score).toMatchObject({ detected: 0, total: 1, rate: 0, pending: 1, missed: [spike] });
    expect(iotDetectionRate([], [])).toMatchObject({ rate: 1, total: 0, unexplainedAlerts: 0 });
  });

  it('honours another name for the heartbeat rule', () => {
    const alerts = [alert('pump-1', 'heartbeat-missed', '2026-03-02T10:15:00.000Z')];
    expect(iotDetectionRate([dropout], alerts).detected).toBe(0);
    expect(iotDetectionRate([dropout], alerts, { staleRule: 'heartbeat-missed' }).detected).toBe(1);
  });
});

describe('iotAlertObservation', () => {
  it('reads the device from the entity id and the metric from the details', () => {
    const base = { rule: 'above-max', occurredAt: '2026-03-02T10:00:05.000Z' };
    expect(iotAlertObservation({ ...base, entityId: 'device#cold-1', details: { metric: 'temperature', value: 11.2 } })).toEqual({
      deviceId: 'cold-1',
      rule: 'above-max',
      metric: 'temperature',
      occurredAt: '2026-03-02T10:00:05.000Z',
    });
    expect(iotAlertObservation({ ...base, rule: 'stale', entityId: 'device#pump-1', details: { silentSeconds: 900 } })).toEqual({
      deviceId: 'pump-1',
      rule: 'stale',
      occurredAt: '2026-03-02T10:00:05.000Z',
    });
  });
});
