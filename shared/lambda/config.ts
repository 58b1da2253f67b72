// Reads a function's environment once, at module load, and fails fast with every problem named.
import { z } from 'zod';

/** A required, non-empty variable (a stream name, table name, queue URL …). */
export const requiredEnv = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is not set' : 'must be a string') }).min(1, 'is empty');

/** A required positive integer given as a decimal string ("30"). */
export const positiveIntegerEnv = () =>
  requiredEnv()
    .regex(/^\d+$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().positive('must be a positive integer'));

/**
 * Validates `env` against `shape` and returns typed values. Throwing at module load turns a misconfigured
 * deployment into an immediate, clearly worded init error instead of a failure deep inside the first request.
 */
export function readConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
