// Maps a Lambda proxy integration result (statusCode, headers, multiValueHeaders, body, isBase64Encoded) to HTTP.
import { isBinaryMediaType } from './binary-media-types';
import { isRecord } from './template-properties';

export interface HttpResponse {
  statusCode: number;
  /** Header name (as the function spelled it) → values; repeated values become repeated headers. */
  headers: Map<string, { name: string; values: string[] }>;
  body: Buffer;
}

export type ProxyResultMapping = { ok: true; response: HttpResponse } | { ok: false; reason: string };

type HeaderValue = string | number | boolean;

function isHeaderValue(value: unknown): value is HeaderValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** API Gateway accepts an integer status code or its string form ("200"). */
function statusCodeOf(value: unknown): number | undefined {
  const code = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599 ? code : undefined;
}

function setHeader(headers: HttpResponse['headers'], name: string, values: string[]): void {
  headers.set(name.toLowerCase(), { name, values });
}

/** multiValueHeaders win over headers for the same name, as on API Gateway. */
function headersOf(result: Record<string, unknown>): HttpResponse['headers'] | undefined {
  const headers: HttpResponse['headers'] = new Map();
  const single = result.headers ?? {};
  const multi = result.multiValueHeaders ?? {};
  if (!isRecord(single) || !isRecord(multi)) return undefined;
  for (const [name, value] of Object.entries(single)) {
    if (value === null) continue;
    if (!isHeaderValue(value)) return undefined;
    setHeader(headers, name, [String(value)]);
  }
  for (const [name, values] of Object.entries(multi)) {
    if (values === null) continue;
    if (!Array.isArray(values) || !values.every(isHeaderValue)) return undefined;
    setHeader(headers, name, values.map(String));
  }
  return headers;
}

/**
 * A base64 body is decoded only when the request's Accept header names a binary media type of the API;
 * otherwise the client receives the base64 text, which is how REST APIs behave without BinaryMediaTypes.
 */
function bodyOf(body: unknown, isBase64Encoded: boolean, acceptHeader: string | undefined, binaryMediaTypes: string[]): Buffer {
  const text = typeof body === 'string' ? body : '';
  return isBase64Encoded && isBinaryMediaType(acceptHeader, binaryMediaTypes) ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

export function mapProxyResult(payload: unknown, acceptHeader: string | undefined, binaryMediaTypes: string[]): ProxyResultMapping {
  if (!isRecord(payload)) return { ok: false, reason: 'the function returned no object' };
  const statusCode = statusCodeOf(payload.statusCode);
  if (statusCode === undefined) return { ok: false, reason: 'statusCode is missing or not an HTTP status' };
  const headers = headersOf(payload);
  if (!headers) return { ok: false, reason: 'headers or multiValueHeaders are not maps of strings' };
  if (payload.body !== undefined && payload.body !== null && typeof payload.body !== 'string') return { ok: false, reason: 'body is not a string' };
  if (payload.isBase64Encoded !== undefined && typeof payload.isBase64Encoded !== 'boolean') return { ok: false, reason: 'isBase64Encoded is not a boolean' };
  if (!headers.has('content-type')) setHeader(headers, 'Content-Type', ['application/json']);
  return { ok: true, response: { statusCode, headers, body: bodyOf(payload.body, payload.isBase64Encoded === true, acceptHeader, binaryMediaTypes) } };
}
