// What a scored transaction produces: its archived decision and, for review/decline, an alert on the card.
import type { Alert, AlertSeverity } from '../alerts/alert';
import { isoUtcMillis } from '../events/iso-utc';
import type { FraudDecisionRecord, TransactionRecord } from '../events/payments';
import type { TransactionScore } from './scoring';

/** The alert's `rule`: the score as a whole raised it; the individual rules are in `reasons` and `details.rulesFired`. */
export const FRAUD_ALERT_RULE = 'fraud-score';

const SEVERITY_BY_DECISION: Record<'review' | 'decline', AlertSeverity> = { review: 'medium', decline: 'high' };

const SECONDS_PER_DAY = 86_400;

export const cardEntityId = (cardId: string): string => `card#${cardId}`;

export function toDecisionRecord(
  transaction: TransactionRecord,
  { score, decision, reasons, rulesFired }: TransactionScore,
  decidedAt: string,
): FraudDecisionRecord {
  // Not `{ ...transaction, score, … }`: V8 builds a copy that then grows new properties through a slow path
  // (~10× the cost, once per scored transaction); Object.assign onto an empty object does not.
  return Object.assign({}, transaction, { score, decision, reasons, rulesFired, decidedAt });
}

/** Rule inputs as `<rule>.<name>`, so two rules' values never collide. */
function ruleDetails({ hits }: TransactionScore): Record<string, string | number> {
  return Object.fromEntries(hits.flatMap((hit) => Object.entries(hit.details).map(([name, value]) => [`${hit.rule}.${name}`, value])));
}

/**
 * `<occurredAt>#<transactionId>`: derived from the transaction alone, so a redelivered transaction maps to the
 * same alert and the store writes it once; the time first so the table's sort key orders a card's alerts by
 * event time (newest first with a descending Query), like the IoT alerts.
 */
export const fraudAlertId = ({ occurredAt, transactionId }: Pick<TransactionRecord, 'occurredAt' | 'transactionId'>): string =>
  `${occurredAt}#${transactionId}`;

/** An alert for a transaction to review or decline, else undefined. It expires `ttlDays` after it was raised. */
export function toFraudAlert(
  transaction: TransactionRecord,
  score: TransactionScore,
  { detectedAt, ttlDays }: { detectedAt: string; ttlDays: number },
): Alert | undefined {
  if (score.decision === 'approve') return undefined;
  const { transactionId, cardId, merchantId, merchantName, mcc, amount, currency, country, channel, occurredAt } = transaction;
  return {
    entityId: cardEntityId(cardId),
    alertId: fraudAlertId(transaction),
    rule: FRAUD_ALERT_RULE,
    severity: SEVERITY_BY_DECISION[score.decision],
    reasons: score.reasons,
    score: score.score,
    occurredAt,
    detectedAt,
    status: 'open',
    details: {
      transactionId,
      decision: score.decision,
      rulesFired: score.rulesFired.join(','),
      merchantId,
      ...(merchantName === undefined ? {} : { merchantName }),
      mcc,
      amount,
      currency,
      country,
      channel,
      ...ruleDetails(score),
    },
    expiresAt: Math.floor(isoUtcMillis(detectedAt) / 1000) + ttlDays * SECONDS_PER_DAY,
  };
}
