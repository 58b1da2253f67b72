// The clickstream event contract: the schemas are the single source of truth for validation and types.
import { z } from 'zod';
import { checkBatchItems, clockAheadMessage, countryCode, flatProperties, httpUrl, isTooFarAheadOfReceipt, isoUtcTimestamp, opaqueId } from './fields';

/*
 * Personal data is minimised on purpose: there is no IP address and no raw user agent anywhere in the
 * contract. Clients send a coarse device description and, optionally, a country/region they derived
 * themselves (or the edge derived) — never the inputs. `userId` must be a pseudonymous id (for example
 * a keyed hash of the account id), never an e-mail address or a name.
 */

export const CLICK_EVENT_TYPES = [
  'page_view',
  'click',
  'search',
  'product_view',
  'add_to_cart',
  'checkout_start',
  'purchase',
] as const;

export const MAX_EVENTS_PER_REQUEST = 500;

const page = z.strictObject({
  url: httpUrl,
  path: z.string().min(1).max(1024).startsWith('/'),
  title: z.string().max(512).optional(),
});

const device = z.strictObject({
  type: z.enum(['desktop', 'mobile', 'tablet']),
  os: z.string().min(1).max(64).optional(),
  browser: z.string().min(1).max(64).optional(),
  /** Viewport in CSS pixels, "<width>x<height>". */
  screen: z
    .string()
    .regex(/^\d{1,5}x\d{1,5}$/, 'Use "<width>x<height>", e.g. "1920x1080"')
    .optional(),
});

const geo = z.strictObject({
  country: countryCode,
  region: z.string().min(1).max(64).optional(),
});

/**
 * One user interaction, version 1. Strict: an unknown field is an error, so a typo in a client surfaces
 * as a 400 instead of silently missing data. A `purchase` carries its amount in `properties.revenue`.
 */
export const clickEventSchema = z.strictObject({
  schemaVersion: z.literal(1),
  eventId: z.uuid(),
  eventType: z.enum(CLICK_EVENT_TYPES),
  occurredAt: isoUtcTimestamp,
  sessionId: opaqueId,
  userId: opaqueId.optional(),
  anonymousId: opaqueId,
  page,
  referrer: httpUrl.optional(),
  device,
  geo: geo.optional(),
  properties: flatProperties.optional(),
});

/**
 * Body of `POST /clickstream/events`. Event ids must be unique so a client can retry exactly the failed ones, and
 * no event may be dated beyond the clock bound (fields.ts). `now` is injectable so tests are deterministic.
 */
export function createClickstreamIngestRequestSchema(now: () => number = Date.now) {
  return z
    .strictObject({
      events: z.array(clickEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST),
    })
    .superRefine(({ events }, ctx) => checkBatchItems(events, ctx, { field: 'events', idField: 'eventId', sender: 'client', nowMs: now() }));
}

export const clickstreamIngestRequestSchema = createClickstreamIngestRequestSchema();

/**
 * What the producer writes to Kinesis (and the consumer archives): the event plus the time the API received it.
 * The clock bound is checked again against `receivedAt`, so a producer that bypasses the API cannot date events ahead.
 */
export const clickstreamRecordSchema = clickEventSchema
  .extend({ receivedAt: isoUtcTimestamp })
  .refine((record) => !isTooFarAheadOfReceipt(record.occurredAt, record.receivedAt), {
    path: ['occurredAt'],
    message: clockAheadMessage('client'),
  });

export type ClickEventType = (typeof CLICK_EVENT_TYPES)[number];
export type ClickEvent = z.infer<typeof clickEventSchema>;
export type ClickstreamIngestRequest = z.infer<typeof clickstreamIngestRequestSchema>;
export type ClickstreamRecord = z.infer<typeof clickstreamRecordSchema>;
