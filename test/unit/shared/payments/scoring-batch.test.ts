// Unit tests: the scoring batch step with in-memory stores (effects before the profile, replays, per-card failures).
import type { FraudDecisionRecord } from '../../../../shared/events/payments';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { createCardScoringBatchStep } from '../../../../shared/payments/scoring-batch';
import { memoryAlertStore, memoryArchive, memoryCardProfileStore } from './in-memory-stores';
import { at, streamRecord, uuid } from './payment-fixtures';

const NOW = '2026-11-02T10:05:02.500Z';

function setup() {
  const profiles = memoryCardProfileStore();
  const alerts = memoryAlertStore();
  const decisions = memoryArchive();
  const step = createCardScoringBatchStep({
    profiles: profiles.store,
    alerts: alerts.store,
    decisions: decisions.archive,
    alertTtlDays: 90,
    now: () => new Date(NOW),
  });
  return { step, profiles, alerts, decisions };
}

/** Card A: five transactions a minute apart, the fifth reaches the velocity threshold (score 40 → review). Card B: one. */
const burst = [1, 2, 3, 4, 5].map((seq) => streamRecord(seq, { cardId: 'card-a' }));
const single = streamRecord(6, { cardId: 'card-b', occurredAt: at(1) });
const batch = [burst[0]!, burst[1]!, single, burst[2]!, burst[3]!, burst[4]!];
const decisionsOf = (entries: Array<{ event: unknown }>) => entries.map((entry) => entry.event as FraudDecisionRecord);

describe('card scoring batch step', () => {
  it('raises an alert for a review-worthy transaction and archives one decision per transaction', async () => {
    const { step, profiles, alerts, decisions } = setup();

    const result = await step(batch);

    expect(result.failures.size).toBe(0);
    expect([...alerts.alerts.values()]).toEqual([
      {
        entityId: 'card#card-a',
        alertId: `${at(5)}#${uuid(5)}`,
        rule: 'fraud-score',
        severity: 'medium',
        reasons: ['5 transactions within 10 minutes (threshold 5)'],
        score: 40,
        occurredAt: at(5),
        detectedAt: NOW,
        status: 'open',
        details: expect.objectContaining({
          transactionId: uuid(5),
          decision: 'review',
          rulesFired: 'velocity',
          amount: 42.5,
          'velocity.transactions': 5,
        }) as unknown,
        expiresAt: Math.floor(Date.parse(NOW) / 1000) + 90 * 86_400,
      },
    ]);
    expect(decisions.appended.map((entry) => entry.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(decisionsOf(decisions.appended)[4]).toEqual({
      ...burst[4]!.payload,
      score: 40,
      decision: 'review',
      reasons: ['5 transactions within 10 minutes (threshold 5)'],
      rulesFired: ['velocity'],
      decidedAt: NOW,
    });
    expect(profiles.profiles.get('card-a')).toMatchObject({ transactionCount: 5, lastSequenceByShard: { 'shardId-000000000000': '5' } });
    expect(profiles.writes()).toBe(2);
    expect(result.summary).toEqual({
      cards: 2,
      scored: 6,
      replayed: 0,
      resent: 0,
      approved: 5,
      reviewed: 1,
      declined: 0,
      alertsRaised: 1,
      profilesWritten: 2,
      cardsFailed: 0,
      decisionLatencyMaxMs: Date.parse(NOW) - Date.parse(at(1)),
    });
  });

  it('changes nothing and raises no alert again when the batch is redelivered', async () => {
    const { step, profiles, alerts, decisions } = setup();
    await step(batch);
    const stored = structuredClone(Object.fromEntries(profiles.profiles));
    const archivedBefore = decisions.appended.length;

    const again = await step(batch);

    expect(again.failures.size).toBe(0);
    expect(Object.fromEntries(profiles.profiles)).toEqual(stored);
    expect(alerts.alerts.size).toBe(1);
    expect(decisions.appended).toHaveLength(archivedBefore);
    expect(again.summary).toMatchObject({ scored: 0, replayed: 6, alertsRaised: 0, profilesWritten: 0 });
  });

  it('fails every record of a card whose profile write failed; the retry scores the same and does not duplicate the alert', async () => {
    const { step, profiles, alerts, decisions } = setup();
    profiles.failingWrites.add('card-a');

    const first = await step(batch);

    expect([...first.failures.keys()]).toEqual(['1', '2', '3', '4', '5']);
    expect(first.failures.get('1')).toBe('profile write failed: ConditionalCheckFailedException');
    expect(profiles.profiles.has('card-a')).toBe(false);
    expect(alerts.alerts.size).toBe(1);

    profiles.failingWrites.clear();
    const retry = await step(burst);

    expect(retry.failures.size).toBe(0);
    expect(retry.summary).toMatchObject({ scored: 5, reviewed: 1, alertsRaised: 0, profilesWritten: 1 });
    expect(alerts.alerts.size).toBe(1);
    // At-least-once: the failed attempt's decisions were archived too; queries deduplicate on transactionId.
    expect(decisionsOf(decisions.appended).filter((d) => d.transactionId === uuid(5)).map((d) => d.score)).toEqual([40, 40]);
  });

  it('does not store the profile of a card whose alert could not be written, so the redelivery raises it', async () => {
    const { step, profiles, alerts } = setup();
    alerts.failingEntities.add('card#card-a');

    const first = await step(batch);

    expect([...first.failures.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(first.failures.get('5')).toBe('alert write failed: ProvisionedThroughputExceededException');
    expect(profiles.profiles.has('card-a')).toBe(false);
    expect(profiles.profiles.has('card-b')).toBe(true);

    alerts.failingEntities.clear();
    await step(burst);
    expect([...alerts.alerts.keys()]).toEqual([`card#card-a|${at(5)}#${uuid(5)}`]);
  });

  it('does not store the profile of a card with a decision the archive did not take', async () => {
    const { step, profiles, decisions } = setup();
    decisions.failingIds.add('2');

    const result = await step(batch);

    expect(result.failures.get('2')).toBe('decision archive failed: ServiceUnavailableException');
    expect([...result.failures.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(profiles.profiles.has('card-a')).toBe(false);
    expect(result.summary).toMatchObject({ profilesWritten: 1, cardsFailed: 1 });
  });

  it('fails the records of a card whose profile could not be read, without scoring them', async () => {
    const { step, profiles, decisions } = setup();
    profiles.failingReads.add('card-b');

    const result = await step(batch);

    expect([...result.failures]).toEqual([['6', 'profile read failed: ProvisionedThroughputExceededException']]);
    expect(decisions.appended.map((entry) => entry.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('rejects an inconsistent configuration when it is built', () => {
    const { profiles, alerts, decisions } = setup();
    expect(() =>
      createCardScoringBatchStep({
        profiles: profiles.store,
        alerts: alerts.store,
        decisions: decisions.archive,
        alertTtlDays: 90,
        config: { ...DEFAULT_FRAUD_CONFIG, decision: { reviewAtScore: 0, declineAtScore: 70 } },
      }),
    ).toThrow('Invalid fraud configuration: decision thresholds must satisfy 0 < reviewAtScore <= declineAtScore <= 100');
  });

  it('skips a client resend of a transaction already scored: no score, no second alert or decision, no write', async () => {
    const { step, profiles, alerts, decisions } = setup();
    await step(batch);
    const stored = structuredClone(Object.fromEntries(profiles.profiles));
    const archivedBefore = decisions.appended.length;

    const resends = [streamRecord(5, { cardId: 'card-a' }), streamRecord(6, { cardId: 'card-b', occurredAt: at(1) })];
    const again = await step(resends.map((record, index) => ({ ...record, sequenceNumber: String(10 + index) })));

    expect(again.failures.size).toBe(0);
    expect(again.summary).toMatchObject({ scored: 0, replayed: 0, resent: 2, alertsRaised: 0, profilesWritten: 0 });
    expect(Object.fromEntries(profiles.profiles)).toEqual(stored);
    expect(alerts.alerts.size).toBe(1);
    expect(decisions.appended).toHaveLength(archivedBefore);
  });
});
