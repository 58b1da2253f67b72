// Turns zod issues into field-level errors a client can act on: `{ path: "events[3].page.url", message }`.
import type { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

export interface FieldErrorList {
  errors: FieldError[];
  /** How many errors there were before the list was capped. */
  total: number;
}

/** `['events', 3, 'page', 'url']` → `events[3].page.url`; the root is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const formatted = path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
  return formatted === '' ? '$' : formatted;
}

/** Expands "unrecognized keys" into one error per field, so each typo is reported where it is. */
function issueToFieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'Unknown field' }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/** Field errors in zod's order, capped at `maxErrors` so a 500-event request cannot produce a huge response. */
export function toFieldErrors(error: z.ZodError, maxErrors = 50): FieldErrorList {
  const all = error.issues.flatMap(issueToFieldErrors);
  return { errors: all.slice(0, maxErrors), total: all.length };
}
