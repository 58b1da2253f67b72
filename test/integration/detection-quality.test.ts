// Detection quality against ground truth: seeded IoT and payments scenarios go through the local cloud (API → stream
// → consumers → alerts table) and the alerts are scored against the simulators' labels. Floors fail the test when
// detection regresses.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../../shared/alerts/alert';
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import type { TrafficGenerator, TrafficItem } from '../../scripts/simulate/traffic';
import { createIotGenerator } from '../../scripts/simulate/iot-devices';
import { createPaymentsGenerator } from '../../scripts/simulate/payments-cards';
import { fraudPrecisionRecall, iotAlertObservation, iotAnomaliesFromTruth, iotDetectionRate } from '../../scripts/simulate/ground-truth';
import { useLocalCloud } from './local-cloud-fixture';

const cloud = useLocalCloud();

/** Measured on these seeds: fraud precision 0.97, episode recall 0.73; IoT detection 1.00. The floors leave a margin. */
const FLOORS = { fraudPrecision: 0.85, fraudEpisodeRecall: 0.65, iotDetectionRate: 0.9 };

/** Runs a generator over a window of simulated time that ends now (event times stay in the past, as in production). */
function generate<P, T>(generator: TrafficGenerator<P, T>, ratePerSecond: number, windowMs: number): TrafficItem<P, T>[] {
  const items: TrafficItem<P, T>[] = [];
  const end = Date.now();
  const count = Math.floor((ratePerSecond * windowMs) / 1000);
  for (let k = 0; k < count; k++) {
    const item = generator.next(end - windowMs + (k * 1000) / ratePerSecond);
    if (item) items.push(item);
  }
  return items;
}

async function post(path: string, wrapper: string, payloads: unknown[]): Promise<void> {
  for (let start = 0; start < payloads.length; start += 500) {
    const response = await fetch(`${cloud().apiUrl}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': cloud().apiKeys[0]?.value ?? '' },
      body: JSON.stringify({ [wrapper]: payloads.slice(start, start + 500) }),
    });
    expect({ path, status: response.status }).toEqual({ path, status: 202 });
  }
}

async function alertsWithPrefix(prefix: string): Promise<Alert[]> {
  const documents = createDynamoDbDocumentClient();
  const alerts: Alert[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: cloud().physicalId('AlertsTable'), ExclusiveStartKey: startKey }));
    alerts.push(...((page.Items ?? []) as Alert[]).filter((alert) => alert.entityId.startsWith(prefix)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return alerts;
}

test('fraud rules: precision and episode recall on a seeded scenario stay above their floors', async () => {
  const items = generate(createPaymentsGenerator({ seed: 7, targetRate: 2, fraudShare: 0.04 }), 2, 60 * 60_000);
  await post('payments/transactions', 'transactions', items.map((item) => item.payload));
  await cloud().drainStreams();

  const alerts = await alertsWithPrefix('card#');
  const score = fraudPrecisionRecall(
    new Map(items.flatMap((item) => (item.truth ? [[item.id, item.truth] as const] : []))),
    alerts.map((alert) => String(alert.details.transactionId)),
  );
  console.log(
    `fraud: ${items.length} transactions, ${alerts.length} alerts, precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, ` +
      `episode recall ${score.episodes.recall.toFixed(3)} (tp ${score.tp}, fp ${score.fp}, fn ${score.fn})`,
  );
  expect(score.tp + score.fn).toBeGreaterThan(0);
  expect(score.unknownAlerts).toBe(0);
  expect(score.precision).toBeGreaterThanOrEqual(FLOORS.fraudPrecision);
  expect(score.episodes.recall).toBeGreaterThanOrEqual(FLOORS.fraudEpisodeRecall);
}, 300_000);

test('IoT rules: the anomaly detection rate on a seeded fleet stays above its floor', async () => {
  const windowMs = 40 * 60_000;
  const items = generate(createIotGenerator({ seed: 11, targetRate: 4, anomalyShare: 0.05 }), 4, windowMs);
  await post('iot/telemetry', 'readings', items.map((item) => item.payload));
  await cloud().drainStreams();

  const injected = iotAnomaliesFromTruth(items.flatMap((item) => (item.truth ? [{ id: item.id, truth: item.truth }] : [])));
  const alerts = (await alertsWithPrefix('device#')).map(iotAlertObservation);
  // Dropouts become stale alerts only when the 5-minute schedule runs; this scenario scores the reading-driven rules.
  const faults = injected.filter((anomaly) => anomaly.kind !== 'dropout');
  const score = iotDetectionRate(faults, alerts.filter((alert) => alert.rule !== 'stale'), { observedUntil: new Date().toISOString() });
  console.log(`iot: ${items.length} readings, ${faults.length} injected faults, ${alerts.length} alerts, detection rate ${score.rate.toFixed(3)}, unexplained alerts ${score.unexplainedAlerts}`);
  expect(score.total).toBeGreaterThan(0);
  expect(score.rate).toBeGreaterThanOrEqual(FLOORS.iotDetectionRate);
}, 300_000);
