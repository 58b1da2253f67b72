// Sessionisation as a pure fold: session state + newly delivered click records → next state (idempotent per record and per event id).
import type { ClickEvent, ClickEventType } from '../events/clickstream';
import { isoUtcMillis } from '../events/iso-utc';
import { compactEventId, NO_RECENT_EVENT_IDS, wasRecentlyApplied, withAppliedEventId, type CompactEventId } from '../streams/recent-event-ids';
import { inShardSequenceOrder, isAlreadyApplied } from '../streams/shard-sequence';
import { MAX_SESSION_PAGES, RECENT_EVENT_IDS_PER_SESSION, type SessionFunnel, type SessionState } from './session-state';

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

function addDistinctPage(pages: string[], path: string): void {
  if (pages.length < MAX_SESSION_PAGES && !pages.includes(path)) pages.push(path);
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
    recentEventIds: NO_RECENT_EVENT_IDS,
    expiresAt: 0,
  };
}

/**
 * A copy deep enough that applyOne may change it in place without touching the caller's state. Object.assign
 * rather than `{ ...state, pages: … }`, which V8 builds through a several times slower path.
 */
const draftOf = (state: SessionState): SessionState =>
  Object.assign({}, state, {
    pages: [...state.pages],
    funnel: { ...state.funnel },
    lastSequenceByShard: { ...state.lastSequenceByShard },
  });

/**
 * Folds one record into the draft, in place: one copy of the state per batch instead of one per record.
 * Normalised ISO-UTC strings order like the instants they denote, so min/max is a string comparison.
 * On equal timestamps the record later in the stream becomes the exit page; the entry page stays.
 */
function applyOne(draft: SessionState, { shardId, sequenceNumber, event }: SequencedClickEvent, eventId: CompactEventId): void {
  const { occurredAt, page, eventType } = event;
  draft.userId = draft.userId ?? event.userId;
  draft.country = draft.country ?? event.geo?.country;
  if (occurredAt < draft.firstSeenAt) {
    draft.firstSeenAt = occurredAt;
    draft.entryPage = page.path;
  }
  if (occurredAt >= draft.lastSeenAt) {
    draft.lastSeenAt = occurredAt;
    draft.exitPage = page.path;
  }
  draft.eventCount += 1;
  if (eventType === 'page_view') draft.pageViews += 1;
  addDistinctPage(draft.pages, page.path);
  const funnelStep = FUNNEL_STEP[eventType];
  if (funnelStep !== undefined) draft.funnel[funnelStep] = true;
  draft.revenue = roundToCents(draft.revenue + purchaseAmount(event));
  draft.lastSequenceByShard[shardId] = sequenceNumber;
  draft.recentEventIds = withAppliedEventId(draft.recentEventIds, eventId, RECENT_EVENT_IDS_PER_SESSION);
}

/**
 * Applies the records of ONE session. Two kinds of repetition are skipped, leaving the state as it is:
 *  - a redelivered record (Lambda retries from the lowest failed record): its sequence number is at or below the
 *    highest one already applied for its shard. This holds because the partition key is the session id: all of
 *    a session's records land on one shard (per stream generation), where sequence numbers increase;
 *  - a client's resend of an event the API had already accepted (a new record, the same `eventId`), as long as
 *    fewer than RECENT_EVENT_IDS_PER_SESSION other events of the session were applied in between.
 * Returns 'unchanged' when no record was new, so the caller can skip the write.
 */
export function applyEvents(
  state: SessionState | undefined,
  records: readonly SequencedClickEvent[],
  ttlDays: number,
): SessionState | Unchanged {
  let draft: SessionState | undefined;
  for (const record of inShardSequenceOrder(records)) {
    const current = draft ?? state;
    if (isAlreadyApplied(current?.lastSequenceByShard, record)) continue;
    const eventId = compactEventId(record.event.eventId);
    // Its sequence number need not be kept: any event that pushes the id out of the list comes later in the shard.
    if (wasRecentlyApplied(current?.recentEventIds, eventId)) continue;
    draft ??= state === undefined ? emptySession(record.event) : draftOf(state);
    applyOne(draft, record, eventId);
  }
  if (draft === undefined) return UNCHANGED;
  draft.expiresAt = Math.floor(isoUtcMillis(draft.lastSeenAt) / 1000) + ttlDays * SECONDS_PER_DAY;
  return draft;
}
