// What GET /payments/cards/{id}/alerts returns: the card's latest alerts, newest first.
import type { Alert, AlertStore } from '../alerts/alert';
import { cardEntityId } from './fraud-outputs';

export interface CardAlertsView {
  cardId: string;
  alerts: Alert[];
}

/** Enough for a reviewer's screen; older alerts stay in the table until their TTL and in the decisions archive. */
export const CARD_ALERTS_LIMIT = 50;

/**
 * Never undefined, so never a 404: the route reads only the alerts table, where a card without alerts and a
 * card never seen look the same. Answering 200 with an empty list also tells a caller nothing about which
 * card tokens exist.
 */
export function createCardAlertsReader(
  alerts: AlertStore,
  limit = CARD_ALERTS_LIMIT,
): (cardId: string) => Promise<CardAlertsView> {
  return async (cardId) => ({ cardId, alerts: await alerts.listByEntity(cardEntityId(cardId), { limit }) });
}
