import { ratePeriodMs, scheduledRules, startSchedules } from '../../../../scripts/local/schedules';
import type { FunctionInvoker, InvokeOutcome, ResolvedResource } from '../../../../scripts/local/types';

const log = { info: jest.fn(), warn: jest.fn() };

function rule(logicalId: string, properties: Record<string, unknown>): ResolvedResource {
  return { logicalId, type: 'AWS::Events::Rule', properties, physicalId: logicalId, attributes: { Arn: `arn:aws:events:us-east-1:123456789012:rule/${logicalId}` } };
}

test('rate() expressions become periods; cron() and malformed ones are not run', () => {
  expect(ratePeriodMs('rate(5 minutes)')).toBe(300_000);
  expect(ratePeriodMs('rate(1 hour)')).toBe(3_600_000);
  expect(ratePeriodMs('rate(2 days)')).toBe(172_800_000);
  expect(ratePeriodMs('rate(0 minutes)')).toBeUndefined();
  expect(ratePeriodMs('cron(0 12 * * ? *)')).toBeUndefined();
});

test('only enabled rate() rules with Lambda targets are scheduled, and skipped cron rules are reported', () => {
  const rules = scheduledRules(
    [
      rule('Every5', { ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Targets: [{ Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', Id: 't' }] }),
      rule('Off', { ScheduleExpression: 'rate(1 minute)', State: 'DISABLED', Targets: [] }),
      rule('Cron', { ScheduleExpression: 'cron(0 12 * * ? *)', Targets: [] }),
    ],
    log,
  );
  expect(rules).toEqual([{ logicalId: 'Every5', arn: 'arn:aws:events:us-east-1:123456789012:rule/Every5', periodMs: 300_000, targetArns: ['arn:aws:lambda:us-east-1:123456789012:function:f'] }]);
  expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('not run locally'), expect.objectContaining({ rule: 'Cron' }));
});

test('fire() invokes each target with an EventBridge Scheduled Event', async () => {
  const invoke = jest.fn((_fn: string, _event: unknown): Promise<InvokeOutcome> => Promise.resolve({ kind: 'ok', payload: null, durationMs: 1 }));
  const invoker: FunctionInvoker = { invoke };
  const runner = startSchedules({
    resources: [rule('Every5', { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f' }] })],
    invoker,
    region: 'us-east-1',
    accountId: '123456789012',
    log,
  });
  try {
    await runner.fire('Every5');
    expect(invoke).toHaveBeenCalledWith(
      'arn:aws:lambda:us-east-1:123456789012:function:f',
      expect.objectContaining({ 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', resources: ['arn:aws:events:us-east-1:123456789012:rule/Every5'], detail: {} }),
    );
    await expect(runner.fire('Nope')).rejects.toThrow('No scheduled rule Nope');
  } finally {
    await runner.stop();
  }
});
