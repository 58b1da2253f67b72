// Sessionisation as a pure fold: session state + newly delivered click records → next state (idempotent per record).
import type { ClickEvent, ClickEventType } from '../events/clickstream';
import { inShardSequenceOrder, isAlreadyApplied, withAppliedPosition } from '../streams/shard-sequence';
import { MAX_SESSION_PAGES, type SessionFunnel, type SessionState } from './session-state';

export { compareSequenceNumbers } from '../streams/shard-sequence';

/** A click event with its position in the stream; the position is what makes re-applying a record a no-op. */
export interface SequencedClickEvent {
  shardId: string;
  /** Decimal string: "1", "2" … on emulators, 56 digits on AWS. */
  sequenceNumber: string;
  event: ClickEvent;
}

export const UNCHANGED = 'unchanged';
export type Unchanged = typeof UNCHANGED;

const SECONDS_PER_DAY = 86_400;

const FUNNEL_STEP: Partial<Record<ClickEventType, keyof SessionFunnel>> = {
  product_view: 'viewedProduct',
  add_to_cart: 'addedToCart',
  checkout_start: 'startedCheckout',
  purchase: 'purchased',
};

function purchaseAmount(event: ClickEvent): number {
  const revenue = event.properties?.revenue;
  return event.eventType === 'purchase' && typeof revenue === 'number' && revenue > 0 ? revenue : 0;
}

const roundToCents = (amount: number): number => Math.round(amount * 100) / 100;

function withDistinctPage(pages: string[], path: string): string[] {
  return pages.includes(path) || pages.length >= MAX_SESSION_PAGES ? pages : [...pages, path];
}

function emptySession(event: ClickEvent): SessionState {
  return {
    sessionId: event.sessionId,
    anonymousId: event.anonymousId,
    firstSeenAt: event.occurredAt,
    lastSeenAt: event.occurredAt,
    eventCount: 0,
    pageViews: 0,
    pages: [],
    entryPage: event.page.path,
    exitPage: event.page.path,
    deviceType: event.device.type,
    funnel: { viewedProduct: false, addedToCart: false, startedCheckout: false, purchased: false },
    revenue: 0,
    lastSequenceByShard: {},
    expiresAt: 0,
  };
}

/**
 * Normalised ISO-UTC strings order like the instants they denote, so min/max is a string comparison.
 * On equal timestamps the record later in the stream becomes the exit page; the entry page stays.
 */
function applyOne(state: SessionState, { shardId, sequenceNumber, event }: SequencedClickEvent): SessionState {
  const isEarliest = event.occurredAt < state.firstSeenAt;
  const isLatest = event.occurredAt >= state.lastSeenAt;
  const funnelStep = FUNNEL_STEP[event.eventType];
  return {
    ...state,
    userId: state.userId ?? event.userId,
    country: state.country ?? event.geo?.country,
    firstSeenAt: isEarliest ? event.occurredAt : state.firstSeenAt,
    entryPage: isEarliest ? event.page.path : state.entryPage,
    lastSeenAt: isLatest ? event.occurredAt : state.lastSeenAt,
    exitPage: isLatest ? event.page.path : state.exitPage,
    eventCount: state.eventCount + 1,
    pageViews: state.pageViews + (event.eventType === 'page_view' ? 1 : 0),
    pages: withDistinctPage(state.pages, event.page.path),
    funnel: funnelStep === undefined ? state.funnel : { ...state.funnel, [funnelStep]: true },
    revenue: roundToCents(state.revenue + purchaseAmount(event)),
    lastSequenceByShard: withAppliedPosition(state.lastSequenceByShard, { shardId, sequenceNumber }),
  };
}

/**
 * Applies the records of ONE session. A record whose sequence number is at or below the highest one already
 * applied for its shard is skipped, so a redelivered batch (Lambda retries from the lowest failed record)
 * leaves the state as it is. This holds because the partition key is the session id: all of a session's
 * records land on one shard (per stream generation), where sequence numbers increase.
 * Returns 'unchanged' when no record was new, so the caller can skip the write.
 */
export function applyEvents(
  state: SessionState | undefined,
  records: readonly SequencedClickEvent[],
  ttlDays: number,
): SessionState | Unchanged {
  let next = state;
  for (const record of inShardSequenceOrder(records)) {
    if (isAlreadyApplied(next?.lastSequenceByShard, record)) continue;
    next = applyOne(next ?? emptySession(record.event), record);
  }
  if (next === state || next === undefined) return UNCHANGED;
  return { ...next, expiresAt: Math.floor(Date.parse(next.lastSeenAt) / 1000) + ttlDays * SECONDS_PER_DAY };
}
