// Splits entries into requests that respect an API's count, total-size and per-entry size limits.
import type { BatchLimits } from './limits';

export interface ChunkPlan<T> {
  /** Requests to send, in input order. */
  chunks: T[][];
  /** Entries larger than `maxEntryBytes`: sending them would fail the whole request, so they are returned instead. */
  oversized: T[];
}

/**
 * Greedy, order-preserving packing: a new chunk starts when adding the next entry would exceed the count or
 * byte limit. Order matters because Kinesis assigns sequence numbers in request order within a shard.
 */
export function chunkByCountAndBytes<T>(
  entries: readonly T[],
  limits: BatchLimits,
  sizeOf: (entry: T) => number,
): ChunkPlan<T> {
  const chunks: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let currentBytes = 0;

  for (const entry of entries) {
    const bytes = sizeOf(entry);
    if (bytes > limits.maxEntryBytes) {
      oversized.push(entry);
      continue;
    }
    if (current.length === limits.maxCount || currentBytes + bytes > limits.maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, oversized };
}

/** Splits into runs of at most `size` (for limits that are a count only, like BatchGetItem's 100 keys). */
export function chunkByCount<T>(entries: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < entries.length; start += size) chunks.push(entries.slice(start, start + size));
  return chunks;
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
