// Which domain an alert belongs to (from its entityId's namespace), the attribute the AlertsTable's byDomain index is keyed on.
import type { Alert } from './alert';

export const ALERT_DOMAINS = ['iot', 'payments', 'video'] as const;
export type AlertDomain = (typeof ALERT_DOMAINS)[number];

/** The entityId namespaces the consumers write ("device#<id>", "card#<id>", "camera#<id>"). */
const DOMAIN_BY_ENTITY_PREFIX: Readonly<Record<string, AlertDomain>> = { device: 'iot', card: 'payments', camera: 'video' };

export const isAlertDomain = (value: string): value is AlertDomain => (ALERT_DOMAINS as readonly string[]).includes(value);

/** Undefined for an entity outside the known namespaces: such an alert stays out of the index (it is sparse). */
export function alertDomain(entityId: string): AlertDomain | undefined {
  const separator = entityId.indexOf('#');
  return separator < 0 ? undefined : DOMAIN_BY_ENTITY_PREFIX[entityId.slice(0, separator)];
}

/**
 * The stored item: the alert plus `domain`, derived here rather than set by each consumer so that every writer of
 * the table (IoT rules, fraud scoring, video) indexes alerts the same way without knowing the index exists.
 */
export type AlertItem = Alert & { domain?: AlertDomain };

export function toAlertItem(alert: Alert): AlertItem {
  const domain = alertDomain(alert.entityId);
  return domain === undefined ? alert : { ...alert, domain };
}

/** Read port for the dashboard: the newest alerts of one domain, across all its entities. */
export interface DomainAlertList {
  /** Newest `detectedAt` first. */
  listByDomain(domain: AlertDomain, options: { limit: number }): Promise<Alert[]>;
}
