// The stored shape of a session (one DynamoDB item per session); the schema checks items read back from the table.
import { z } from 'zod';

/** Distinct pages kept per session; enough for navigation analysis while keeping the item small. */
export const MAX_SESSION_PAGES = 50;

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
  /** DynamoDB TTL: epoch seconds, `lastSeenAt` plus the configured retention. */
  expiresAt: z.number().int(),
});

export type SessionState = z.infer<typeof sessionStateSchema>;
export type SessionFunnel = SessionState['funnel'];
