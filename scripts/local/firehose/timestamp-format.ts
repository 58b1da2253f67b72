// The Java DateTimeFormatter subset `!{timestamp:...}` may use locally: numeric date and time fields in UTC.

export type TimestampFormatter = (epochMs: number) => string;

/** The pattern uses a Java letter this subset does not format, or is malformed (an unclosed quote). */
export class TimestampPatternError extends Error {
  override name = 'TimestampPatternError';
}

type Field = (date: Date) => number;

/** Letter → field and the widest run of that letter that stays numeric (Java prints `MMM` as a month name). */
const FIELDS: Record<string, { value: Field; maxWidth: number }> = {
  y: { value: (date) => date.getUTCFullYear(), maxWidth: 9 },
  u: { value: (date) => date.getUTCFullYear(), maxWidth: 9 },
  M: { value: (date) => date.getUTCMonth() + 1, maxWidth: 2 },
  d: { value: (date) => date.getUTCDate(), maxWidth: 2 },
  D: { value: dayOfYear, maxWidth: 3 },
  H: { value: (date) => date.getUTCHours(), maxWidth: 2 },
  m: { value: (date) => date.getUTCMinutes(), maxWidth: 2 },
  s: { value: (date) => date.getUTCSeconds(), maxWidth: 2 },
};

/** Java reserves these for optional sections and future use; they are never literal outside quotes. */
const RESERVED = new Set(['[', ']', '{', '}', '#']);

type Part = { literal: string } | { letter: string; width: number };

/**
 * Compiles once when the stream is created, so a bad pattern fails there and not on the first delivery.
 * Text in single quotes is literal and `''` is one quote, as in Java; other non-letters print as they are.
 */
export function compileTimestampPattern(pattern: string): TimestampFormatter {
  const parts = tokenize(pattern);
  return (epochMs) => {
    const date = new Date(epochMs);
    return parts.map((part) => ('literal' in part ? part.literal : formatField(part, date))).join('');
  };
}

function formatField({ letter, width }: { letter: string; width: number }, date: Date): string {
  const value = (FIELDS[letter] as { value: Field }).value(date);
  // Java: a two-letter year is the reduced year (last two digits); every other width is a minimum width.
  if ((letter === 'y' || letter === 'u') && width === 2) return String(value % 100).padStart(2, '0');
  return String(value).padStart(width, '0');
}

function tokenize(pattern: string): Part[] {
  const parts: Part[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index] as string;
    if (char === "'") {
      const { text, next } = readQuoted(pattern, index);
      parts.push({ literal: text });
      index = next;
    } else if (/[A-Za-z]/.test(char)) {
      let end = index;
      while (pattern[end] === char) end += 1;
      parts.push(checkedField(pattern, char, end - index));
      index = end;
    } else if (RESERVED.has(char)) {
      throw new TimestampPatternError(`timestamp pattern ${JSON.stringify(pattern)}: "${char}" is reserved in Java DateTimeFormatter patterns`);
    } else {
      parts.push({ literal: char });
      index += 1;
    }
  }
  return parts;
}

function readQuoted(pattern: string, open: number): { text: string; next: number } {
  if (pattern[open + 1] === "'") return { text: "'", next: open + 2 };
  let text = '';
  let index = open + 1;
  for (;;) {
    if (index >= pattern.length) throw new TimestampPatternError(`timestamp pattern ${JSON.stringify(pattern)}: unclosed quote`);
    if (pattern[index] === "'") {
      if (pattern[index + 1] !== "'") return { text, next: index + 1 };
      text += "'";
      index += 2;
    } else {
      text += pattern[index];
      index += 1;
    }
  }
}

function checkedField(pattern: string, letter: string, width: number): Part {
  const field = FIELDS[letter];
  if (!field) {
    throw new TimestampPatternError(
      `timestamp pattern ${JSON.stringify(pattern)}: the letter "${letter}" is not supported locally (supported: y, u, M, d, D, H, m, s; quote literal text as 'text')`,
    );
  }
  if (width > field.maxWidth) {
    throw new TimestampPatternError(`timestamp pattern ${JSON.stringify(pattern)}: "${letter.repeat(width)}" is not supported locally (at most ${field.maxWidth} "${letter}")`);
  }
  return { letter, width };
}

function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** `yyyy-MM-dd-HH-mm-ss` of the object-name suffix. */
export const objectNameTimestamp = compileTimestampPattern('yyyy-MM-dd-HH-mm-ss');
