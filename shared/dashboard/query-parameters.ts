// Query-string pieces the dashboard's read APIs share: a bounded `limit`, and zod issues as the API's field errors.
import { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

export type QueryParse<Query> = { ok: true; query: Query } | { ok: false; errors: FieldError[] };

export type QueryParameters = Readonly<Record<string, string | undefined>> | null;

/** A whole number from 1 to `max`, given as a decimal string. */
export function boundedIntegerParameter(max: number) {
  const message = `Use a whole number from 1 to ${max}`;
  return z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().min(1, message).max(max, message));
}

export const issuesToErrors = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.map((issue) => ({
    path: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.'),
    message: issue.message,
  }));

/** Strict schemas make a misspelt parameter (`?limt=`) a 400 rather than a silently different answer. */
export function parseQuery<Query>(schema: z.ZodType<Query>, parameters: QueryParameters): QueryParse<Query> {
  const parsed = schema.safeParse(parameters ?? {});
  return parsed.success ? { ok: true, query: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error.issues) };
}
