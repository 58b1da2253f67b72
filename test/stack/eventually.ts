// Polls an asynchronous effect until it shows (consumers and archives are eventually consistent on every backend).
export interface EventuallyOptions {
  timeoutMs: number;
  what: string;
  intervalMs?: number;
}

/**
 * Resolves with the first probed value `accept` takes. A probe that throws (a connection reset on a busy endpoint)
 * counts as "not yet"; once the time is up it rejects with the last value or error seen.
 */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, options: EventuallyOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 250;
  for (;;) {
    let last: string;
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = `last value: ${JSON.stringify(value)?.slice(0, 500)}`;
    } catch (error) {
      last = `last error: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)}`;
    }
    if (Date.now() >= deadline) throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}; ${last}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
