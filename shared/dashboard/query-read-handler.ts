// A reusable GET handler for reads addressed by the query string (API Gateway REST, Lambda proxy): parse → read → 200 JSON or 400.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { StructuredLogger } from '../lambda/powertools';
import type { QueryParameters, QueryParse } from './query-parameters';

export interface QueryReadHandlerOptions<Query, Body> {
  parse: (parameters: QueryParameters) => QueryParse<Query>;
  read: (query: Query) => Promise<Body>;
  /** What is read, for messages and logs: "devices" → "Invalid devices query". */
  resource: string;
  logger: StructuredLogger;
}

export type QueryReadHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** Dashboards poll for live values, so no cache between the browser and the store may keep an answer. */
const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

/** The path-id sibling of shared/lambda/http-read.ts: 400 before any read, 500 without details (logged). */
export function createQueryReadHandler<Query, Body>(options: QueryReadHandlerOptions<Query, Body>): QueryReadHandler {
  const { parse, read, resource, logger } = options;
  return async (event) => {
    const parsed = parse(event.queryStringParameters);
    if (!parsed.ok) return json(400, { message: `Invalid ${resource} query`, errors: parsed.errors });
    try {
      return json(200, await read(parsed.query));
    } catch (error) {
      logger.error(`Reading ${resource} failed`, error instanceof Error ? error : String(error));
      return json(500, { message: 'Internal error' });
    }
  };
}
