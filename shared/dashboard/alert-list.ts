// What GET /alerts answers: a domain's newest alerts across all its devices, cards or cameras.
import type { Alert } from '../alerts/alert';
import type { AlertDomain, DomainAlertList } from '../alerts/alert-domain';
import type { AlertListQuery } from './list-queries';

export interface DomainAlerts {
  domain: AlertDomain;
  alerts: Alert[];
}

export function createDomainAlertsReader(alerts: DomainAlertList): (query: AlertListQuery) => Promise<DomainAlerts> {
  return async ({ domain, limit }) => ({ domain, alerts: await alerts.listByDomain(domain, { limit }) });
}
