// Polls an asynchronous effect until it shows (consumers and archives are eventually consistent on every backend).
export interface EventuallyOptions {
  timeoutMs: number;
  what: string;
  intervalMs?: number;
}

/** Resolves with the first probed value `accept` takes; rejects with the last value seen once the time is up. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, options: EventuallyOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 250;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
