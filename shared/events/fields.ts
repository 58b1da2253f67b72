// Field schemas every event contract shares: timestamps, identifiers, bounded free-form properties.
import { z } from 'zod';
import { isoUtcMillis } from './iso-utc';

/**
 * A valid datetime that is 24 characters long with "Z" last and "." 20th is already `YYYY-MM-DDTHH:mm:ss.sssZ`
 * (the format check guarantees a real calendar date), so it is its own normal form. Records on the stream were
 * normalised by the producer, so the consumer skips a Date round trip per timestamp.
 */
function toIsoUtc(value: string): string {
  const isNormalised = value.length === 24 && value.endsWith('Z') && value.charAt(19) === '.';
  return isNormalised ? value : new Date(value).toISOString();
}

/**
 * An ISO-8601 instant with a zone ("Z" or "+02:00", any sub-second precision), normalised to UTC with
 * milliseconds: `YYYY-MM-DDTHH:mm:ss.sssZ`. Downstream code relies on that exact shape: Firehose dynamic
 * partitioning slices `[0:10]` (date) and `[11:13]` (hour), and string order equals time order.
 */
export const isoUtcTimestamp = z.iso.datetime({ offset: true }).transform(toIsoUtc);

/**
 * How far an event's `occurredAt` may lie after the time the API received it. Without a bound, one sender with
 * its clock in the future would pin state there (a device's latest reading, a session's last-seen time, a card's
 * last transaction) and its archive partition would not exist yet for Athena (projection ends at NOW).
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

export const isTooFarAhead = (occurredAt: string, referenceMs: number): boolean => isoUtcMillis(occurredAt) > referenceMs + MAX_CLOCK_AHEAD_MS;

/**
 * The same bound against the time the API received the event, for records read back from a stream: both are
 * normalised ISO-UTC strings (which order like the instants they denote), so the usual case, an event that
 * happened before it was received, costs one string comparison and no date parsing.
 */
export const isTooFarAheadOfReceipt = (occurredAt: string, receivedAt: string): boolean =>
  occurredAt > receivedAt && isTooFarAhead(occurredAt, isoUtcMillis(receivedAt));

/** The field-level message for a timestamp beyond MAX_CLOCK_AHEAD_MS; `sender` names whose clock to check. */
export const clockAheadMessage = (sender: string): string => `More than ${MAX_CLOCK_AHEAD_MS / 60_000} minutes in the future; check the ${sender} clock`;

export interface BatchItemRules<T> {
  /** The request body's array field ("events", "readings", "transactions"). */
  field: string;
  /** The item's id field, unique within a request so that a client can retry exactly the failed items. */
  idField: keyof T & string;
  /** Whose clock an item dated too far ahead points at ("client", "device", "terminal"). */
  sender: string;
  nowMs: number;
}

/** The rules every ingest request applies to its items: unique ids and the clock bound, each reported at the item. */
export function checkBatchItems<T extends { occurredAt: string }>(items: readonly T[], ctx: z.RefinementCtx, rules: BatchItemRules<T>): void {
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    const id = item[rules.idField];
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [rules.field, index, rules.idField], message: `Duplicate ${rules.idField} in request` });
    if (isTooFarAhead(item.occurredAt, rules.nowMs)) {
      ctx.addIssue({ code: 'custom', path: [rules.field, index, 'occurredAt'], message: clockAheadMessage(rules.sender) });
    }
    seen.add(id);
  });
}

/**
 * An opaque identifier chosen by a client (session, anonymous visitor, pseudonymous user, device).
 * The character set keeps ids safe as partition keys, DynamoDB keys and S3/Athena values, and rules out
 * e-mail addresses and other readable personal data by construction ("@" and spaces are not allowed).
 */
export const opaqueId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]*$/, 'Use letters, digits and . _ : - only');

/** ISO 3166-1 alpha-2, upper case ("DE", "US"). */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 code such as "DE"');

const HTTP_SCHEME = /^https?:\/\//i;
const TAB_OR_LINE_BREAK = /[\t\n\r]/;
const NON_ASCII = /[^\x00-\x7f]/;

function parsesAsUrl(value: string): boolean {
  // Node 20's URL.canParse, once optimised, answers false for hosts with Latin-1 letters ("bücher.example"), so
  // a URL with any non-ASCII character is parsed by the constructor, which the bug does not affect.
  if (!NON_ASCII.test(value)) return URL.canParse(value);
  try {
    return new URL(value).href.length > 0;
  } catch {
    return false;
  }
}

/**
 * An absolute http(s) URL, exactly as written: the scheme with its "//", then whatever the WHATWG URL parser (what
 * browsers use) accepts, checked without building a URL object where possible (once or twice per click on the
 * consumer's hot path). Unlike z.url(), which trims the value and removes tabs and line breaks before parsing, such
 * characters are an error here, so the stored value is the one that was checked.
 */
export const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => HTTP_SCHEME.test(value) && value.trim() === value && !TAB_OR_LINE_BREAK.test(value) && parsesAsUrl(value), {
    message: 'Use an absolute http:// or https:// URL',
  });

export const MAX_PROPERTY_COUNT = 50;

/**
 * A flat bag of domain-specific values. Flat and scalar so it maps to one Athena column
 * (`map<string,string>`) without nested schemas; bounded so one event cannot carry a document.
 */
export const flatProperties = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Property names are identifiers of at most 64 characters'),
    z.union([z.string().max(256), z.number(), z.boolean(), z.null()]),
  )
  .refine((properties) => Object.keys(properties).length <= MAX_PROPERTY_COUNT, {
    message: `At most ${MAX_PROPERTY_COUNT} properties`,
  });
