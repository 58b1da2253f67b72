// Alerts raised by the domain consumers (IoT rules, fraud scoring): one shape, one store, de-duplicated by key.

export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface Alert {
  /** What the alert is about, namespaced: "device#<deviceId>", "card#<cardId>". The table's partition key. */
  entityId: string;
  /**
   * "<rule>#<window start ISO>" (or another deterministic key): the de-duplication key and the table's sort key.
   * The same rule firing again for the same entity in the same window maps to the same alertId and is written once.
   */
  alertId: string;
  rule: string;
  severity: AlertSeverity;
  /** Human-readable explanations, e.g. "8 transactions in 5 minutes (limit 5)". */
  reasons: string[];
  /** Optional numeric score (fraud: 0..100). */
  score?: number;
  /** Event time of the reading/transaction that raised the alert (ISO UTC). */
  occurredAt: string;
  /** When the consumer raised it (ISO UTC); occurredAt → detectedAt is the decision latency. */
  detectedAt: string;
  status: 'open' | 'closed';
  /** Rule inputs worth showing (values, thresholds, ids of the events involved). */
  details: Record<string, string | number | boolean | null>;
  /** DynamoDB TTL, epoch seconds. */
  expiresAt: number;
}

/** Port for alert persistence; the DynamoDB adapter writes with attribute_not_exists(alertId). */
export interface AlertStore {
  /** Writes each alert unless one with the same (entityId, alertId) exists; resolves with the ones newly written. */
  raise(alerts: readonly Alert[]): Promise<Alert[]>;
  /** Newest first. */
  listByEntity(entityId: string, options?: { status?: Alert['status']; limit?: number }): Promise<Alert[]>;
}
