// Benchmark 3: the local cloud end to end: sustained clickstream events/s and latency from API accept to the session visible in DynamoDB, at rising rates.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '../../../shared/aws/clients';
import type { ClickEvent } from '../../../shared/events/clickstream';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import type { KinesisBackend } from '../../local/emulators';
import { endpointUrl } from '../../simulate/api-target';
import { clickstreamSimulator } from '../../simulate/clickstream';
import { createHttpBatchSender } from '../../simulate/http-batch-sender';
import { runTraffic } from '../../simulate/traffic-runner';
import type { SendBatch } from '../../simulate/traffic';
import { processTreeMemory, type ProcessMemory } from '../machine';
import { summarizeLatencies, type LatencySummary } from '../stats';
import { formatTable } from '../table';

export interface LocalEndToEndOptions {
  rates: number[];
  stepSeconds: number;
  /** Longest wait, after a step, for its accepted events to show up in DynamoDB. */
  drainSeconds: number;
  /** Every n-th session is tracked for latency (polling every session would load moto more than the pipeline does). */
  sampleEverySessions: number;
  kinesisBackend: KinesisBackend;
}

export interface RateStep {
  targetRate: number;
  acceptedPerSecond: number;
  accepted: number;
  retried: number;
  failed: number;
  /** API accept → session item in DynamoDB counting the event. */
  latencyMs: LatencySummary;
  /** Tracked (session, count) checkpoints never seen within the drain time. */
  unseen: number;
  memory: ProcessMemory[];
}

interface Checkpoint {
  expectedCount: number;
  acceptedAt: number;
}

/** Per sampled session: how many of its events were accepted, and when each count was reached. */
class VisibilityTracker {
  private readonly accepted = new Map<string, number>();
  private readonly pending = new Map<string, Checkpoint[]>();
  private readonly sampled = new Map<string, boolean>();
  readonly latencies: number[] = [];

  constructor(private readonly sampleEvery: number) {}

  onAccepted(events: readonly ClickEvent[], at: number): void {
    for (const event of events) {
      if (!this.isSampled(event.sessionId)) continue;
      const count = (this.accepted.get(event.sessionId) ?? 0) + 1;
      this.accepted.set(event.sessionId, count);
      this.pending.set(event.sessionId, [...(this.pending.get(event.sessionId) ?? []), { expectedCount: count, acceptedAt: at }]);
    }
  }

  pendingSessions(): string[] {
    return [...this.pending.keys()];
  }

  onSeen(sessionId: string, eventCount: number, at: number): void {
    const remaining = (this.pending.get(sessionId) ?? []).filter((checkpoint) => {
      if (checkpoint.expectedCount > eventCount) return true;
      this.latencies.push(at - checkpoint.acceptedAt);
      return false;
    });
    if (remaining.length > 0) this.pending.set(sessionId, remaining);
    else this.pending.delete(sessionId);
  }

  unseen(): number {
    return [...this.pending.values()].reduce((sum, list) => sum + list.length, 0);
  }

  private isSampled(sessionId: string): boolean {
    let sampled = this.sampled.get(sessionId);
    if (sampled === undefined) {
      sampled = this.sampled.size % this.sampleEvery === 0;
      this.sampled.set(sessionId, sampled);
    }
    return sampled;
  }
}

async function pollVisibility(cloud: LocalCloud, tracker: VisibilityTracker, until: () => boolean): Promise<void> {
  const dynamoDb = createDynamoDbDocumentClient();
  const tableName = cloud.physicalId('SessionsTable');
  try {
    while (!until()) {
      const sessions = tracker.pendingSessions().slice(0, 100);
      if (sessions.length > 0) {
        const response = await dynamoDb.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: sessions.map((sessionId) => ({ sessionId })), ProjectionExpression: 'sessionId, eventCount' } } }),
        );
        const now = Date.now();
        for (const item of response.Responses?.[tableName] ?? []) tracker.onSeen(String(item.sessionId), Number(item.eventCount), now);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    dynamoDb.destroy();
  }
}

async function runStep(cloud: LocalCloud, rate: number, seed: number, options: LocalEndToEndOptions): Promise<RateStep> {
  const tracker = new VisibilityTracker(options.sampleEverySessions);
  const http = createHttpBatchSender<ClickEvent>({ url: endpointUrl(cloud.apiUrl, clickstreamSimulator.endpointPath), apiKey: cloud.apiKeys[0]?.value ?? '' });
  const send: SendBatch<ClickEvent> = async (payloads, ids) => {
    const outcome = await http(payloads, ids);
    if (outcome.kind === 'accepted') tracker.onAccepted(payloads, Date.now());
    return outcome;
  };
  let trafficDone = false;
  let drainDeadline = Number.POSITIVE_INFINITY;
  const poller = pollVisibility(cloud, tracker, () => (trafficDone && tracker.unseen() === 0) || Date.now() > drainDeadline);
  const generator = clickstreamSimulator.createGenerator({ rate, seed: String(seed), batchSize: 100, lingerMs: 200, concurrency: 8 });
  const summary = await runTraffic({ generator, send, rate, durationMs: options.stepSeconds * 1000, batchSize: 100, lingerMs: 200, concurrency: 8 });
  trafficDone = true;
  drainDeadline = Date.now() + options.drainSeconds * 1000;
  await poller;
  return {
    targetRate: rate,
    acceptedPerSecond: Math.round(summary.accepted / (summary.elapsedMs / 1000)),
    accepted: summary.accepted,
    retried: summary.retried,
    failed: summary.failed,
    latencyMs: summarizeLatencies(tracker.latencies),
    unseen: tracker.unseen(),
    memory: processTreeMemory(),
  };
}

/** Rates rise until the API no longer keeps up (accepted < 90 % of target) or events stop showing up in time. */
export async function runLocalEndToEnd(options: LocalEndToEndOptions): Promise<{ kinesisBackend: KinesisBackend; startupMs: number; steps: RateStep[] }> {
  const started = performance.now();
  const cloud = await startLocalCloud({ kinesisBackend: options.kinesisBackend, logSuffix: 'bench', writeConnectionFile: false, pollIntervalMs: 200 });
  const startupMs = Math.round(performance.now() - started);
  const steps: RateStep[] = [];
  try {
    for (const [index, rate] of options.rates.entries()) {
      console.log(`bench: local-e2e: ${rate} events/s for ${options.stepSeconds} s…`);
      const step = await runStep(cloud, rate, 42 + index, options);
      steps.push(step);
      if (step.acceptedPerSecond < rate * 0.9 || step.unseen > 0) break;
    }
  } finally {
    await cloud.stop();
  }
  return { kinesisBackend: options.kinesisBackend, startupMs, steps };
}

export function formatLocalEndToEnd(result: { steps: RateStep[] }): string {
  const rows = result.steps.map((step) => [
    String(step.targetRate),
    String(step.acceptedPerSecond),
    String(step.retried),
    String(step.latencyMs.count),
    String(step.latencyMs.p50),
    String(step.latencyMs.p95),
    String(step.latencyMs.p99),
    String(step.unseen),
    step.memory.map((entry) => `${entry.command} ${entry.rssMb ?? '?'}`).join(', '),
  ]);
  return formatTable(['target/s', 'accepted/s', 'retried', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'unseen', 'RSS MB (process tree)'], rows, [0, 1, 2, 3, 4, 5, 6, 7]);
}
