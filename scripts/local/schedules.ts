// EventBridge scheduled rules, locally: `rate(...)` rules invoke their Lambda targets with the Scheduled Event payload.
import { randomUUID } from 'node:crypto';
import type { FunctionInvoker, ResolvedResource, Stoppable } from './types';

export interface ScheduledRule {
  logicalId: string;
  arn: string;
  periodMs: number;
  targetArns: string[];
}

export interface ScheduleRunner extends Stoppable {
  rules: ScheduledRule[];
  /** Fires one rule now, as its next scheduled tick would, and resolves when its targets have run. */
  fire(logicalId: string): Promise<void>;
}

interface Log {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** `rate(5 minutes)` → 300000; cron() and anything else → undefined (not run locally, and said so). */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unitMs = UNIT_MS[match[2] ?? ''];
  // AWS requires the singular unit for 1 and the plural otherwise; both are accepted here.
  return value > 0 && unitMs !== undefined ? value * unitMs : undefined;
}

export function scheduledRules(resources: readonly ResolvedResource[], log: Log): ScheduledRule[] {
  const rules: ScheduledRule[] = [];
  for (const resource of resources.filter((r) => r.type === 'AWS::Events::Rule')) {
    const { ScheduleExpression, State, Targets } = resource.properties as { ScheduleExpression?: string; State?: string; Targets?: { Arn?: string }[] };
    if (ScheduleExpression === undefined || State === 'DISABLED') continue;
    const periodMs = ratePeriodMs(ScheduleExpression);
    if (periodMs === undefined) {
      log.warn('schedule not run locally (only rate() expressions are)', { rule: resource.logicalId, ScheduleExpression });
      continue;
    }
    const targetArns = (Targets ?? []).map((target) => String(target.Arn)).filter((arn) => arn.startsWith('arn:aws:lambda:'));
    rules.push({ logicalId: resource.logicalId, arn: resource.attributes.Arn ?? resource.physicalId, periodMs, targetArns });
  }
  return rules;
}

export function startSchedules(options: { resources: readonly ResolvedResource[]; invoker: FunctionInvoker; region: string; accountId: string; log: Log }): ScheduleRunner {
  const rules = scheduledRules(options.resources, options.log);
  const fire = async (rule: ScheduledRule): Promise<void> => {
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: options.accountId,
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: options.region,
      resources: [rule.arn],
      detail: {},
    };
    // EventBridge invokes Lambda targets asynchronously: a failure is logged, never thrown at the scheduler.
    const outcomes = await Promise.all(rule.targetArns.map((arn) => options.invoker.invoke(arn, event)));
    for (const outcome of outcomes) if (outcome.kind === 'function-error') options.log.warn('scheduled invocation failed', { rule: rule.logicalId, ...outcome });
  };
  const timers = rules.map((rule) => setInterval(() => void fire(rule), rule.periodMs));
  return {
    rules,
    fire: async (logicalId) => {
      const rule = rules.find((candidate) => candidate.logicalId === logicalId);
      if (!rule) throw new Error(`No scheduled rule ${logicalId} (have: ${rules.map((r) => r.logicalId).join(', ') || 'none'})`);
      await fire(rule);
    },
    stop: () => {
      for (const timer of timers) clearInterval(timer);
      return Promise.resolve();
    },
  };
}
