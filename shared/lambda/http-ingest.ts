// A reusable HTTP ingest handler (API Gateway REST, Lambda proxy): parse → validate everything → publish to Kinesis.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import { putRecordsWithRetry } from '../aws/kinesis-producer';
import type { RetryPolicy } from '../batching/retry-failed-entries';
import { toFieldErrors } from '../events/validation-errors';
import type { MetricsRecorder, StructuredLogger } from './powertools';

/** One stream record to publish; `id` is what the client sees in the list of failed ids (the event id). */
export interface IngestRecord {
  id: string;
  partitionKey: string;
  payload: unknown;
}

export interface IngestHandlerOptions<Request> {
  requestSchema: z.ZodType<Request>;
  /** Domain mapping from a validated request to stream records; `receivedAt` is the ISO-UTC time of receipt. */
  toRecords: (request: Request, receivedAt: string) => IngestRecord[];
  streamName: string;
  kinesis: KinesisClient;
  logger: StructuredLogger;
  /** Accepted, failed and rejected counts as metrics. */
  metrics?: MetricsRecorder;
  /** Larger bodies are answered with 413 before parsing. */
  maxBodyBytes?: number;
  /** Field errors listed in a 400 response. */
  maxErrors?: number;
  /** Sent as Retry-After with a 503. */
  retryAfterSeconds?: number;
  retryPolicy?: RetryPolicy;
  now?: () => Date;
}

export type IngestHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** REST API (v1) events keep header names as the client sent them. */
function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  const headers = (event.headers ?? {}) as Record<string, string | undefined>;
  const match = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return match === undefined ? undefined : headers[match];
}

const isJsonContentType = (value: string | undefined): boolean =>
  value?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';

const bodyBytes = (event: APIGatewayProxyEvent): Buffer =>
  Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Validation covers ALL events before anything is written, so a request is either rejected as a whole (400)
 * or published. Partial publication is possible only when Kinesis keeps failing some records after retries:
 * then the answer is 503 with the failed ids, and the client resends exactly those.
 */
export function createIngestHandler<Request>(options: IngestHandlerOptions<Request>): IngestHandler {
  const { requestSchema, toRecords, streamName, kinesis, logger, retryPolicy, metrics } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxErrors = options.maxErrors ?? 50;
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const now = options.now ?? (() => new Date());
  const encoder = new TextEncoder();

  async function publish(records: IngestRecord[]): Promise<APIGatewayProxyResult> {
    const entries = records.map((record) => ({ ...record, data: encoder.encode(JSON.stringify(record.payload)) }));
    const { succeeded, failed } = await putRecordsWithRetry(kinesis, entries, { streamName, retryPolicy });
    metrics?.addMetric('RecordsAccepted', 'Count', succeeded.length);
    metrics?.addMetric('RecordsFailed', 'Count', failed.length);
    if (failed.length === 0) return json(202, { accepted: succeeded.length, failed: 0 });

    logger.error('Records still failing after retries', {
      accepted: succeeded.length,
      failed: failed.length,
      errorCodes: [...new Set(failed.map((failure) => failure.errorCode))],
    });
    return json(
      503,
      {
        message: 'Some events were not accepted; retry only those listed in failedEventIds',
        accepted: succeeded.length,
        failed: failed.length,
        failedEventIds: failed.map((failure) => failure.entry.id),
      },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }

  async function handle(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    if (!isJsonContentType(headerValue(event, 'content-type'))) {
      return json(415, { message: 'Content-Type must be application/json' });
    }
    const body = bodyBytes(event);
    if (body.byteLength > maxBodyBytes) {
      return json(413, { message: `Request body is ${body.byteLength} bytes; the limit is ${maxBodyBytes} bytes` });
    }
    const parsed = parseJson(body.toString('utf8'));
    if (!parsed.ok) return json(400, { message: 'Request body is not valid JSON' });

    const validated = requestSchema.safeParse(parsed.value);
    if (!validated.success) {
      const { errors, total } = toFieldErrors(validated.error, maxErrors);
      logger.info('Rejected invalid request', { errorCount: total });
      metrics?.addMetric('RequestsRejected', 'Count', 1);
      return json(400, { message: 'Request validation failed', errorCount: total, errors });
    }
    return publish(toRecords(validated.data, now().toISOString()));
  }

  return async (event) => {
    try {
      return await handle(event);
    } catch (error) {
      logger.error('Ingest failed unexpectedly', error instanceof Error ? error : String(error));
      return json(500, { message: 'Internal error' });
    }
  };
}
