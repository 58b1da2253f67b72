// Unit tests: an alert's domain from its entityId namespace, and the stored item carrying it.
import { alertDomain, isAlertDomain, toAlertItem } from '../../../../shared/alerts/alert-domain';
import type { Alert } from '../../../../shared/alerts/alert';

const alert: Alert = {
  entityId: 'card#tok_9',
  alertId: 'txn-1',
  rule: 'velocity',
  severity: 'high',
  reasons: ['8 transactions in 5 minutes (limit 5)'],
  occurredAt: '2026-11-02T10:02:00.000Z',
  detectedAt: '2026-11-02T10:02:01.000Z',
  status: 'open',
  details: {},
  expiresAt: 1_796_212_800,
};

describe('alertDomain', () => {
  it.each([
    ['device#fridge-1', 'iot'],
    ['card#tok_9', 'payments'],
    ['camera#door#2', 'video'],
  ])('maps %s to %s', (entityId, domain) => expect(alertDomain(entityId)).toBe(domain));

  it.each(['fridge-1', 'robot#r2', '#x', 'Device#fridge-1'])('has no domain for %s', (entityId) => {
    expect(alertDomain(entityId)).toBeUndefined();
  });
});

it('adds the domain to the stored item without changing the alert', () => {
  expect(toAlertItem(alert)).toEqual({ ...alert, domain: 'payments' });
  expect(alert).not.toHaveProperty('domain');
});

it('recognises the domains a request may name', () => {
  expect(['iot', 'payments', 'video', 'clickstream'].filter(isAlertDomain)).toEqual(['iot', 'payments', 'video']);
});
