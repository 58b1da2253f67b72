// What AWS answers when it throttles or partly fails a JSON-protocol call: error bodies, and batch requests split into
// the entries that go through and the ones reported failed (which are NOT forwarded, so they are really not written).
import type { SeededRandom } from './seeded-random';

/** One AWS call as the proxy sees it: `key` is "<signing service>.<operation>", e.g. "kinesis.PutRecords". */
export interface AwsCall {
  service: string;
  operation: string;
  key: string;
}

export interface SyntheticResponse {
  status: number;
  /** The `__type` of the error, also sent as x-amzn-ErrorType. */
  errorType: string;
  body: string;
}

/** JSON-protocol content types by signing service (Kinesis, Firehose: awsJson1_1; DynamoDB, SQS: awsJson1_0). */
export const JSON_CONTENT_TYPE: Record<string, string> = {
  kinesis: 'application/x-amz-json-1.1',
  firehose: 'application/x-amz-json-1.1',
  dynamodb: 'application/x-amz-json-1.0',
};

const CREDENTIAL_SCOPE = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/** The signing service from the SigV4 Authorization header and the operation from X-Amz-Target (JSON protocols only). */
export function identifyCall(headers: Record<string, string | string[] | undefined>): AwsCall | undefined {
  const authorization = String(headers.authorization ?? '');
  const target = String(headers['x-amz-target'] ?? '');
  const service = CREDENTIAL_SCOPE.exec(authorization)?.[1];
  const operation = target.split('.').pop();
  if (service === undefined || !operation) return undefined;
  return { service, operation, key: `${service}.${operation}` };
}

/** True when `pattern` ("kinesis.PutRecords", "dynamodb.*", "*") names the call. */
export function matchesCall(pattern: string, call: AwsCall): boolean {
  return pattern === '*' || pattern === call.key || pattern === `${call.service}.*`;
}

const errorBody = (status: number, errorType: string, message: string): SyntheticResponse => ({
  status,
  errorType,
  body: JSON.stringify({ __type: errorType, message }),
});

/**
 * The whole-call throttle each service really returns for its data-plane calls, with AWS's messages. The SDK's
 * retry strategy recognises each of them as throttling (HTTP 400) or as a transient server error.
 */
export function throttleResponse(call: AwsCall, request: Record<string, unknown>, accountId: string, random: SeededRandom): SyntheticResponse | undefined {
  switch (call.service) {
    case 'kinesis':
      return errorBody(400, 'ProvisionedThroughputExceededException', `Rate exceeded for stream ${streamNameOf(request)} under account ${accountId}.`);
    case 'dynamodb':
      return random.chance(0.5)
        ? errorBody(
            400,
            'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
          )
        : errorBody(400, 'com.amazon.coral.availability#ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
    case 'firehose':
      // Firehose's throttle for Put calls is a server-side ServiceUnavailableException [FAPI].
      return errorBody(503, 'ServiceUnavailableException', 'Slow down.');
    default:
      return undefined;
  }
}

function streamNameOf(request: Record<string, unknown>): string {
  if (typeof request.StreamName === 'string') return request.StreamName;
  if (typeof request.StreamARN === 'string') return request.StreamARN.split('/').pop() ?? request.StreamARN;
  return 'unknown';
}

/** A batch call with some entries failed on purpose: what to forward and how to answer for the whole request. */
export interface EntryFailurePlan {
  /** The request to forward with only the surviving entries; undefined when every entry failed (nothing is sent). */
  forward: Record<string, unknown> | undefined;
  failedEntries: number;
  /** The client's answer: the upstream answer to `forward` (or nothing) merged with the synthetic failures. */
  merge(upstream: Record<string, unknown> | undefined): Record<string, unknown>;
}

/** The operations whose answer reports entries one by one; each gets its own split-and-merge. */
const ENTRY_FAULTS: Record<string, (request: Record<string, unknown>, fails: () => boolean, context: EntryFaultContext) => EntryFailurePlan | undefined> = {
  'kinesis.PutRecords': putRecordsFailures,
  'firehose.PutRecordBatch': putRecordBatchFailures,
  'dynamodb.BatchWriteItem': batchWriteItemFailures,
  'dynamodb.BatchGetItem': batchGetItemFailures,
};

interface EntryFaultContext {
  accountId: string;
  random: SeededRandom;
}

export const supportsEntryFailures = (call: AwsCall): boolean => call.key in ENTRY_FAULTS;

/** Picks failed entries with probability `share` each; undefined when none was picked (forward unchanged). */
export function planEntryFailures(
  call: AwsCall,
  request: Record<string, unknown>,
  share: number,
  context: EntryFaultContext,
): EntryFailurePlan | undefined {
  const plan = ENTRY_FAULTS[call.key]?.(request, () => context.random.chance(share), context);
  return plan === undefined || plan.failedEntries === 0 ? undefined : plan;
}

const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const recordOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Splits a flat entry list; `failed[i]` says whether entry i is reported failed. */
function splitFlat(entries: unknown[], fails: () => boolean): { failed: boolean[]; survivors: unknown[] } {
  const failed = entries.map(() => fails());
  return { failed, survivors: entries.filter((_, index) => !failed[index]) };
}

/** Walks the request order: survivors take the upstream results in order, failures get the synthetic entry. */
function mergeFlat(failed: boolean[], upstreamResults: unknown[], failure: () => Record<string, unknown>): unknown[] {
  let next = 0;
  return failed.map((isFailed) => (isFailed ? failure() : upstreamResults[next++]));
}

/** PutRecords: failed entries get ProvisionedThroughputExceededException, now and then InternalFailure [KAPI]. */
function putRecordsFailures(request: Record<string, unknown>, fails: () => boolean, { accountId, random }: EntryFaultContext): EntryFailurePlan {
  const { failed, survivors } = splitFlat(arrayOf(request.Records), fails);
  const stream = streamNameOf(request);
  const failure = (): Record<string, unknown> =>
    random.chance(0.1)
      ? { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' }
      : { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: `Rate exceeded for stream ${stream} under account ${accountId}.` };
  const failedEntries = failed.filter(Boolean).length;
  return {
    forward: survivors.length === 0 ? undefined : { ...request, Records: survivors },
    failedEntries,
    merge: (upstream) => {
      const merged = mergeFlat(failed, arrayOf(upstream?.Records), failure);
      const upstreamFailed = typeof upstream?.FailedRecordCount === 'number' ? upstream.FailedRecordCount : 0;
      return { ...upstream, FailedRecordCount: upstreamFailed + failedEntries, Records: merged };
    },
  };
}

/** PutRecordBatch: failed entries get ServiceUnavailableException, now and then InternalFailure [FAPI]. */
function putRecordBatchFailures(request: Record<string, unknown>, fails: () => boolean, { random }: EntryFaultContext): EntryFailurePlan {
  const { failed, survivors } = splitFlat(arrayOf(request.Records), fails);
  const failure = (): Record<string, unknown> =>
    random.chance(0.1)
      ? { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' }
      : { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' };
  const failedEntries = failed.filter(Boolean).length;
  return {
    forward: survivors.length === 0 ? undefined : { ...request, Records: survivors },
    failedEntries,
    merge: (upstream) => {
      const merged = mergeFlat(failed, arrayOf(upstream?.RequestResponses), failure);
      const upstreamFailed = typeof upstream?.FailedPutCount === 'number' ? upstream.FailedPutCount : 0;
      return { Encrypted: false, ...upstream, FailedPutCount: upstreamFailed + failedEntries, RequestResponses: merged };
    },
  };
}

/** BatchWriteItem: throttled writes come back in UnprocessedItems, per table, in the request's own shape. */
function batchWriteItemFailures(request: Record<string, unknown>, fails: () => boolean): EntryFailurePlan {
  const forwarded: Record<string, unknown[]> = {};
  const unprocessed: Record<string, unknown[]> = {};
  let failedEntries = 0;
  for (const [table, writes] of Object.entries(recordOf(request.RequestItems))) {
    const { failed, survivors } = splitFlat(arrayOf(writes), fails);
    const dropped = arrayOf(writes).filter((_, index) => failed[index]);
    if (survivors.length > 0) forwarded[table] = survivors;
    if (dropped.length > 0) unprocessed[table] = dropped;
    failedEntries += dropped.length;
  }
  return {
    forward: Object.keys(forwarded).length === 0 ? undefined : { ...request, RequestItems: forwarded },
    failedEntries,
    merge: (upstream) => ({
      ...upstream,
      UnprocessedItems: mergeTableLists(recordOf(upstream?.UnprocessedItems), unprocessed),
    }),
  };
}

/** BatchGetItem: throttled keys come back in UnprocessedKeys with the table's read options (ConsistentRead …). */
function batchGetItemFailures(request: Record<string, unknown>, fails: () => boolean): EntryFailurePlan {
  const forwarded: Record<string, unknown> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  let failedEntries = 0;
  for (const [table, keysAndAttributes] of Object.entries(recordOf(request.RequestItems))) {
    const options = recordOf(keysAndAttributes);
    const keys = arrayOf(options.Keys);
    const { failed, survivors } = splitFlat(keys, fails);
    const dropped = keys.filter((_, index) => failed[index]);
    if (survivors.length > 0) forwarded[table] = { ...options, Keys: survivors };
    if (dropped.length > 0) unprocessed[table] = { ...options, Keys: dropped };
    failedEntries += dropped.length;
  }
  return {
    forward: Object.keys(forwarded).length === 0 ? undefined : { ...request, RequestItems: forwarded },
    failedEntries,
    merge: (upstream) => {
      const upstreamUnprocessed = recordOf(upstream?.UnprocessedKeys);
      const merged: Record<string, unknown> = { ...upstreamUnprocessed };
      for (const [table, options] of Object.entries(unprocessed)) {
        const already = arrayOf(recordOf(upstreamUnprocessed[table]).Keys);
        merged[table] = { ...options, Keys: [...already, ...arrayOf(options.Keys)] };
      }
      return { Responses: {}, ...upstream, UnprocessedKeys: merged };
    },
  };
}

function mergeTableLists(upstream: Record<string, unknown>, injected: Record<string, unknown[]>): Record<string, unknown[]> {
  const merged: Record<string, unknown[]> = Object.fromEntries(Object.entries(upstream).map(([table, list]) => [table, arrayOf(list)]));
  for (const [table, list] of Object.entries(injected)) merged[table] = [...(merged[table] ?? []), ...list];
  return merged;
}
