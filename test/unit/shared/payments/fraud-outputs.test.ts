// Unit tests: the alert and the archived decision a scored transaction produces.
import { fraudDecisionRecordSchema } from '../../../../shared/events/payments';
import { fraudAlertId, toDecisionRecord, toFraudAlert } from '../../../../shared/payments/fraud-outputs';
import type { TransactionScore } from '../../../../shared/payments/scoring';
import { at, transactionRecord, uuid } from './payment-fixtures';

const declined: TransactionScore = {
  score: 75,
  decision: 'decline',
  reasons: ['impossible', 'new country'],
  rulesFired: ['impossible-travel', 'new-country'],
  hits: [
    { rule: 'impossible-travel', points: 60, reason: 'impossible', details: { distanceKm: 877, previousCountry: 'DE' } },
    { rule: 'new-country', points: 15, reason: 'new country', details: { country: 'FR', history: 21 } },
  ],
};
const context = { detectedAt: '2026-11-02T10:00:01.250Z', ttlDays: 30 };

describe('fraud outputs', () => {
  it('raises a high-severity alert for a decline, keyed by event time and transaction id', () => {
    const transaction = transactionRecord({ merchantName: 'Corner Shop', country: 'FR' });
    expect(toFraudAlert(transaction, declined, context)).toEqual({
      entityId: 'card#card-tok-1',
      alertId: `${at(0)}#${uuid(1)}`,
      rule: 'fraud-score',
      severity: 'high',
      reasons: ['impossible', 'new country'],
      score: 75,
      occurredAt: at(0),
      detectedAt: context.detectedAt,
      status: 'open',
      details: {
        transactionId: uuid(1),
        decision: 'decline',
        rulesFired: 'impossible-travel,new-country',
        merchantId: 'merchant-1',
        merchantName: 'Corner Shop',
        mcc: '5411',
        amount: 42.5,
        currency: 'EUR',
        country: 'FR',
        channel: 'card_present',
        'impossible-travel.distanceKm': 877,
        'impossible-travel.previousCountry': 'DE',
        'new-country.country': 'FR',
        'new-country.history': 21,
      },
      expiresAt: Math.floor(Date.parse(context.detectedAt) / 1000) + 30 * 86_400,
    });
    expect(fraudAlertId(transaction)).toBe(`${at(0)}#${uuid(1)}`);
  });

  it('raises no alert for an approved transaction, and omits an absent merchant name', () => {
    const approved: TransactionScore = { score: 10, decision: 'approve', reasons: [], rulesFired: [], hits: [] };
    expect(toFraudAlert(transactionRecord(), approved, context)).toBeUndefined();
    expect(toFraudAlert(transactionRecord(), { ...declined, decision: 'review' }, context)?.details).not.toHaveProperty('merchantName');
  });

  it('archives the transaction with its score, reasons and decision time, as the archive contract describes', () => {
    const record = toDecisionRecord(transactionRecord(), declined, context.detectedAt);
    expect(fraudDecisionRecordSchema.parse(record)).toEqual(record);
    expect(record).toEqual({
      ...transactionRecord(),
      score: 75,
      decision: 'decline',
      reasons: ['impossible', 'new country'],
      rulesFired: ['impossible-travel', 'new-country'],
      decidedAt: context.detectedAt,
    });
  });
});
