// How Lambda reads a function's answer when the mapping has ReportBatchItemFailures (§1.5 of the AWS notes) [LKP][LSS].
import { compareSequenceNumbers } from './sequence-number';

export type BatchResponseVerdict =
  /** Checkpoint after the whole batch. */
  | { kind: 'success' }
  /** Checkpoint before the lowest failed record and retry from it. */
  | { kind: 'partial'; lowestFailedSequenceNumber: string }
  /** The whole batch failed, as if the function had thrown. */
  | { kind: 'invalid'; reason: string };

/**
 * - `null`, `""`, `{}`, `[]`, `{"batchItemFailures":[]}` and `{"batchItemFailures":null}` mean success.
 *   Like LocalStack's parser (checked against AWS), any falsy payload and an object without `batchItemFailures` do too.
 * - An item whose `itemIdentifier` is missing, `null`, `""` or not a sequence number of this batch fails the whole
 *   batch (the last one is OBS, not documented).
 * - Otherwise the lowest reported sequence number wins: everything from it onward is retried.
 * - A string payload is parsed as JSON first, as LocalStack does; anything else (numbers, non-empty arrays) fails the batch.
 */
export function interpretBatchResponse(payload: unknown, batchSequenceNumbers: ReadonlySet<string>): BatchResponseVerdict {
  if (!payload) return { kind: 'success' };
  if (typeof payload === 'string') {
    const parsed = parseJson(payload);
    return parsed.ok ? interpretBatchResponse(parsed.value, batchSequenceNumbers) : invalid('the response is not JSON');
  }
  if (Array.isArray(payload)) return payload.length === 0 ? { kind: 'success' } : invalid('the response is a non-empty array');
  if (typeof payload !== 'object') return invalid(`the response is a ${typeof payload}`);

  const failures = (payload as Record<string, unknown>).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return invalid('batchItemFailures is not a list');
  if (failures.length === 0) return { kind: 'success' };

  let lowest: string | undefined;
  for (const item of failures) {
    const identifier = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof identifier !== 'string' || identifier === '') {
      return invalid(`batchItemFailures has an item without an itemIdentifier: ${JSON.stringify(item)}`);
    }
    if (!batchSequenceNumbers.has(identifier)) return invalid(`itemIdentifier ${JSON.stringify(identifier)} is not in the batch`);
    if (lowest === undefined || compareSequenceNumbers(identifier, lowest) < 0) lowest = identifier;
  }
  return lowest === undefined ? { kind: 'success' } : { kind: 'partial', lowestFailedSequenceNumber: lowest };
}

const invalid = (reason: string): BatchResponseVerdict => ({ kind: 'invalid', reason });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
