// The ids of the last events applied to one key, stored in that key's item: recognises a client's resend (same id, new record).
import { z } from 'zod';

/**
 * An event id in its stored form: the UUID's 16 bytes as 22 base64url characters (a 36-character UUID would
 * cost 64 % more per id, and DynamoDB bills writes per started KB). Lossless, so two different UUIDs never
 * share a form; the hex digits' case does not matter (RFC 9562: the same UUID).
 */
export type CompactEventId = string & { readonly compactEventId: unique symbol };

/**
 * The compact ids of the last events applied to a key, oldest first, concatenated without separators: one
 * string attribute (no per-element list overhead, one value to unmarshal). Bounded by the caller's capacity.
 */
export type RecentEventIds = string;

export const COMPACT_EVENT_ID_LENGTH = 22;
export const NO_RECENT_EVENT_IDS: RecentEventIds = '';

export const recentEventIdsSchema = z.string().regex(/^(?:[\w-]{22})*$/, 'Concatenated 22-character base64url event ids');

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_CODES = Array.from(BASE64URL, (character) => character.charCodeAt(0));

/** Hex digit value by character code, -1 for anything else. */
const HEX_VALUES = new Int8Array(128).fill(-1);
for (let value = 0; value < 16; value += 1) {
  const digit = value.toString(16);
  HEX_VALUES[digit.charCodeAt(0)] = value;
  HEX_VALUES[digit.toUpperCase().charCodeAt(0)] = value;
}

/** Where the 32 hex digits of `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` sit. */
const DIGIT_POSITIONS = Array.from({ length: 36 }, (_, position) => position).filter((position) => ![8, 13, 18, 23].includes(position));
const DASH = 45;

/** Reused by every call: the encoder builds its one result string from it, with no intermediate strings. */
const codes: number[] = new Array<number>(COMPACT_EVENT_ID_LENGTH).fill(0);

function hexDigit(uuid: string, digit: number): number {
  const code = uuid.charCodeAt(DIGIT_POSITIONS[digit] as number);
  const value = code < 128 ? (HEX_VALUES[code] as number) : -1;
  if (value < 0) throw new RangeError(`Not a UUID: "${uuid}"`);
  return value;
}

const hasUuidShape = (uuid: string): boolean =>
  uuid.length === 36 &&
  uuid.charCodeAt(8) === DASH &&
  uuid.charCodeAt(13) === DASH &&
  uuid.charCodeAt(18) === DASH &&
  uuid.charCodeAt(23) === DASH;

/**
 * The stored form of a UUID (the event schemas accept UUIDs only; anything else throws rather than being
 * stored in a form that could collide). Three hex digits are 12 bits, two base64 characters: 30 digits make
 * 20 characters, the last 8 bits two more, exactly like base64url of the 16 bytes without padding.
 */
export function compactEventId(uuid: string): CompactEventId {
  if (!hasUuidShape(uuid)) throw new RangeError(`Not a UUID: "${uuid}"`);
  let out = 0;
  for (let digit = 0; digit < 30; digit += 3) {
    const bits = (hexDigit(uuid, digit) << 8) | (hexDigit(uuid, digit + 1) << 4) | hexDigit(uuid, digit + 2);
    codes[out++] = BASE64URL_CODES[bits >> 6] as number;
    codes[out++] = BASE64URL_CODES[bits & 63] as number;
  }
  const last = (hexDigit(uuid, 30) << 4) | hexDigit(uuid, 31);
  codes[out++] = BASE64URL_CODES[last >> 2] as number;
  codes[out] = BASE64URL_CODES[(last & 3) << 4] as number;
  return String.fromCharCode(...codes) as CompactEventId;
}

/**
 * True when `id` is one of the remembered ids. Compared id by id, at id boundaries only: the 22 characters may
 * also appear across two neighbouring ids, and such a false "seen" would drop an event. (Also faster than
 * indexOf here: most ids differ in their first character.)
 */
export function wasRecentlyApplied(recent: RecentEventIds | undefined, id: CompactEventId): boolean {
  if (recent === undefined) return false;
  const first = id.charCodeAt(0);
  for (let at = 0; at < recent.length; at += COMPACT_EVENT_ID_LENGTH) {
    if (recent.charCodeAt(at) === first && recent.startsWith(id, at)) return true;
  }
  return false;
}

/**
 * The remembered ids after applying `id`: it is appended and the oldest beyond `capacity` (≥ 1) are forgotten.
 * A stored list longer than the capacity (the capacity was lowered) is cut here too.
 */
export function withAppliedEventId(recent: RecentEventIds | undefined, id: CompactEventId, capacity: number): RecentEventIds {
  const kept = (capacity - 1) * COMPACT_EVENT_ID_LENGTH;
  if (recent === undefined || kept <= 0) return id;
  return (recent.length > kept ? recent.slice(recent.length - kept) : recent) + id;
}

