// Opaque NextToken values: base64url JSON that says where the next page starts and which listing it belongs to.
import { ServiceError } from './service-error';

interface PageTokenBody {
  /** Names the listing (operation + its filter), so a token replayed against another request is refused. */
  scope: string;
  /** Index of the first item of the next page. */
  offset: number;
}

export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ scope, offset } satisfies PageTokenBody)).toString('base64url');
}

/** The offset a token points at; 0 without a token. */
export function decodePageToken(token: string | undefined, scope: string, errorCode: string): number {
  if (token === undefined || token === '') return 0;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ServiceError(errorCode, 'NextToken is not a token this API returned');
  }
  const { scope: tokenScope, offset } = (body ?? {}) as Partial<PageTokenBody>;
  if (tokenScope !== scope || typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new ServiceError(errorCode, 'NextToken does not belong to this request');
  }
  return offset;
}
