// Lambda behind GET /dashboard (not keyed: static HTML, no data): the page with its bundled script and style inline.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { dashboardPage, type DashboardPageAsset } from './dashboard-page.generated';

/** REST API (v1) events keep header names as the client sent them. */
function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const headers = (event.headers ?? {}) as Record<string, string | undefined>;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

const matchesEtag = (ifNoneMatch: string | undefined, etag: string): boolean =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');

/**
 * The page changes only with a deployment, so browsers revalidate (no-cache) and get a 304 for the same ETag.
 * The CSP names the hashes of the inline script and style: nothing else can run or style the page.
 */
export function createPageHandler(page: DashboardPageAsset): (event: Pick<APIGatewayProxyEvent, 'headers'>) => Promise<APIGatewayProxyResult> {
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    ETag: page.etag,
    'Content-Security-Policy': page.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
  return (event) =>
    Promise.resolve(
      matchesEtag(header(event, 'if-none-match'), page.etag) ? { statusCode: 304, headers, body: '' } : { statusCode: 200, headers, body: page.html },
    );
}

export const handler = createPageHandler(dashboardPage);
