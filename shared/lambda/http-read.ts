// A reusable GET handler (API Gateway REST, Lambda proxy): validate a path id → read → 200 JSON, 404 or 400.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import { opaqueId } from '../events/fields';
import type { StructuredLogger } from './powertools';

export interface ReadHandlerOptions<Body> {
  /** Resolves with the response body, or undefined when nothing exists under the id (404). */
  read: (id: string) => Promise<Body | undefined>;
  /** What the id names, for messages: "device" → "Device not found". */
  resource: string;
  logger: StructuredLogger;
  /** The path parameter holding the id, as named in the route (`/iot/devices/{id}`). */
  pathParameter?: string;
  /** Ids that can exist; anything else is a 400 without a read. Defaults to the contracts' opaque id. */
  idSchema?: z.ZodType<string>;
}

export type ReadHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** Current state changes with every reading, so no cache between the client and the table may keep an answer. */
const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * API Gateway already matched the route, so a missing parameter means a misconfigured route, answered like a
 * bad id. The id is validated before any read: it becomes a table key, and ids that cannot exist cost nothing.
 */
export function createReadHandler<Body>(options: ReadHandlerOptions<Body>): ReadHandler {
  const { read, resource, logger } = options;
  const pathParameter = options.pathParameter ?? 'id';
  const idSchema = options.idSchema ?? opaqueId;

  return async (event) => {
    const parsed = idSchema.safeParse(event.pathParameters?.[pathParameter]);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'Invalid value';
      return json(400, { message: `Invalid ${resource} id`, errors: [{ path: pathParameter, message }] });
    }
    try {
      const body = await read(parsed.data);
      return body === undefined ? json(404, { message: `${capitalised(resource)} not found` }) : json(200, body);
    } catch (error) {
      logger.error(`Reading ${resource} failed`, error instanceof Error ? error : String(error));
      return json(500, { message: 'Internal error' });
    }
  };
}
