// The consumers' domain pipelines wired to in-memory ports: decode + validate + domain logic with I/O stubbed at the port, not at the SDK.
import type { Alert, AlertStore } from '../../shared/alerts/alert';
import type { SessionStore, SessionWriteOutcome } from '../../shared/clickstream/session-store';
import type { SessionState } from '../../shared/clickstream/session-state';
import { createSessionBatchStep } from '../../shared/clickstream/session-batch';
import type { EventArchive } from '../../shared/events/archive';
import { clickstreamRecordSchema } from '../../shared/events/clickstream';
import { iotRecordSchema } from '../../shared/events/iot';
import { transactionRecordSchema } from '../../shared/events/payments';
import { deviceRules } from '../../shared/iot/device-rules';
import type { DeviceRead, DeviceStore, StoredDevice } from '../../shared/iot/device-store';
import { createTelemetryBatchStep } from '../../shared/iot/telemetry-batch';
import { createKinesisConsumer, type KinesisHandler } from '../../shared/lambda/kinesis-consumer';
import type { MetricsRecorder, StructuredLogger } from '../../shared/lambda/powertools';
import type { CardProfile } from '../../shared/payments/card-profile';
import type { CardProfileRead, CardProfileStore, CardProfileWriteOutcome } from '../../shared/payments/card-profile-store';
import { createCardScoringBatchStep } from '../../shared/payments/scoring-batch';
import type { Domain } from './domain-pipeline';

const silentLogger: StructuredLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const noMetrics: MetricsRecorder = { addMetric: () => undefined };
const archive: EventArchive = { append: () => Promise.resolve([]) };
const deadLetters = { write: () => Promise.resolve([]) };

function sessionStore(): SessionStore {
  const sessions = new Map<string, SessionState>();
  return {
    update: (updates) => {
      const outcomes = new Map<string, SessionWriteOutcome>();
      for (const { sessionId, apply } of updates) {
        const next = apply(sessions.get(sessionId));
        if (next === 'unchanged') outcomes.set(sessionId, { status: 'unchanged' });
        else {
          sessions.set(sessionId, next);
          outcomes.set(sessionId, { status: 'written' });
        }
      }
      return Promise.resolve(outcomes);
    },
  };
}

function deviceStore(): DeviceStore {
  const devices = new Map<string, StoredDevice>();
  return {
    readMany: (ids) => Promise.resolve(new Map(ids.map((id): [string, DeviceRead] => [id, { ok: true, device: devices.get(id) }]))),
    read: (id) => Promise.resolve(devices.get(id)),
    writeIfVersion: (state, expectedVersion) => {
      const current = devices.get(state.deviceId);
      if (current?.version !== expectedVersion) return Promise.resolve('conflict');
      devices.set(state.deviceId, { state, version: (expectedVersion ?? 0) + 1 });
      return Promise.resolve('written');
    },
    scanHeartbeats: async function* () {
      yield await Promise.resolve([]);
    },
  };
}

function alertStore(): AlertStore {
  const alerts = new Map<string, Alert>();
  return {
    raise: (raised) => {
      const written = raised.filter((alert) => !alerts.has(`${alert.entityId}#${alert.alertId}`));
      for (const alert of written) alerts.set(`${alert.entityId}#${alert.alertId}`, alert);
      return Promise.resolve(written);
    },
    listByEntity: () => Promise.resolve([]),
  };
}

function cardProfileStore(): CardProfileStore {
  const profiles = new Map<string, CardProfile>();
  return {
    read: (ids) => Promise.resolve(new Map(ids.map((id): [string, CardProfileRead] => [id, { ok: true, profile: profiles.get(id) }]))),
    update: (updates) => {
      const outcomes = new Map<string, CardProfileWriteOutcome>();
      for (const { cardId, apply } of updates) {
        const next = apply(profiles.get(cardId));
        if (next === 'unchanged') outcomes.set(cardId, { status: 'unchanged' });
        else {
          profiles.set(cardId, next);
          outcomes.set(cardId, { status: 'written' });
        }
      }
      return Promise.resolve(outcomes);
    },
  };
}

/** A fresh consumer (empty stores) built from the same shared pieces the Lambda handler uses. */
export function createInMemoryConsumer(domain: Domain): KinesisHandler {
  const common = { deadLetters, logger: silentLogger, metrics: noMetrics };
  switch (domain) {
    case 'clickstream':
      return createKinesisConsumer({ schema: clickstreamRecordSchema, processBatch: createSessionBatchStep({ sessions: sessionStore(), archive, ttlDays: 30 }), ...common });
    case 'iot':
      return createKinesisConsumer({
        schema: iotRecordSchema,
        processBatch: createTelemetryBatchStep({ devices: deviceStore(), alerts: alertStore(), archive, rules: deviceRules, alertTtlDays: 90 }),
        ...common,
      });
    case 'payments':
      return createKinesisConsumer({
        schema: transactionRecordSchema,
        processBatch: createCardScoringBatchStep({ profiles: cardProfileStore(), alerts: alertStore(), decisions: archive, alertTtlDays: 90 }),
        ...common,
      });
  }
}
