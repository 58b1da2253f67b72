// The stored shape of a session (one DynamoDB item per session); the schema checks items read back from the table.
import { z } from 'zod';
import { recentEventIdsSchema } from '../streams/recent-event-ids';

/** Distinct pages kept per session; enough for navigation analysis while keeping the item small. */
export const MAX_SESSION_PAGES = 50;

/**
 * Event ids remembered per session to recognise a client's resend. A visitor acts every few seconds, so 16
 * events span more than the half minute between a request and its resend (API Gateway gives up after 29 s),
 * for 16 × 22 + 14 = 366 bytes of item.
 */
export const RECENT_EVENT_IDS_PER_SESSION = 16;

export const sessionStateSchema = z.object({
  sessionId: z.string(),
  /** Set once a pseudonymous user id is seen; only such sessions appear in the `byUser` index. */
  userId: z.string().optional(),
  anonymousId: z.string(),
  /** Earliest and latest `occurredAt` seen (ISO UTC): events may arrive out of order. */
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  eventCount: z.number().int().nonnegative(),
  pageViews: z.number().int().nonnegative(),
  /** Distinct paths in order of first visit, at most MAX_SESSION_PAGES. */
  pages: z.array(z.string()),
  /** Path of the earliest / latest event by `occurredAt`. */
  entryPage: z.string(),
  exitPage: z.string(),
  deviceType: z.enum(['desktop', 'mobile', 'tablet']),
  country: z.string().optional(),
  funnel: z.object({
    viewedProduct: z.boolean(),
    addedToCart: z.boolean(),
    startedCheckout: z.boolean(),
    purchased: z.boolean(),
  }),
  /** Sum of `properties.revenue` over purchase events, rounded to 2 decimals. */
  revenue: z.number().nonnegative(),
  /**
   * Highest applied Kinesis sequence number per shard: a record at or below it was already applied.
   * Per shard because sequence numbers only grow within a shard, and resharding moves a session's key to a new one.
   */
  lastSequenceByShard: z.record(z.string(), z.string().regex(/^\d+$/)),
  /**
   * The last RECENT_EVENT_IDS_PER_SESSION applied `eventId`s (shared/streams/recent-event-ids.ts): a client's
   * resend is a new record with a new sequence number, recognised by its id. Absent in items written before it.
   */
  recentEventIds: recentEventIdsSchema.optional(),
  /** DynamoDB TTL: epoch seconds, `lastSeenAt` plus the configured retention. */
  expiresAt: z.number().int(),
});

export type SessionState = z.infer<typeof sessionStateSchema>;
export type SessionFunnel = SessionState['funnel'];
