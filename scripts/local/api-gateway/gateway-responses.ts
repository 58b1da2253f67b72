// API Gateway's own responses (gateway responses) with their default status codes and messages.
import type { HttpResponse } from './proxy-response';

export type GatewayResponseType =
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'INVALID_API_KEY'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'INTEGRATION_FAILURE'
  | 'BAD_GATEWAY'
  | 'INTEGRATION_TIMEOUT';

interface GatewayResponse {
  statusCode: number;
  message: string;
  /** x-amzn-ErrorType, where API Gateway sends one. */
  errorType?: string;
}

const GATEWAY_RESPONSES: Record<GatewayResponseType, GatewayResponse> = {
  // No resource or method matched (also an unknown stage): REST APIs answer 403, not 404.
  MISSING_AUTHENTICATION_TOKEN: { statusCode: 403, message: 'Missing Authentication Token', errorType: 'MissingAuthenticationTokenException' },
  // Missing, unknown or disabled key, or a key in no usage plan of this stage.
  INVALID_API_KEY: { statusCode: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
  THROTTLED: { statusCode: 429, message: 'Too Many Requests', errorType: 'TooManyRequestsException' },
  QUOTA_EXCEEDED: { statusCode: 429, message: 'Limit Exceeded', errorType: 'LimitExceededException' },
  REQUEST_TOO_LARGE: { statusCode: 413, message: 'Request Too Long' },
  // The Invoke call itself failed (unknown function, invoke payload too large).
  INTEGRATION_FAILURE: { statusCode: 500, message: 'Internal server error', errorType: 'InternalServerErrorException' },
  // Function error or malformed proxy response.
  BAD_GATEWAY: { statusCode: 502, message: 'Internal server error', errorType: 'InternalServerErrorException' },
  INTEGRATION_TIMEOUT: { statusCode: 504, message: 'Endpoint request timed out' },
};

export function gatewayResponse(type: GatewayResponseType): HttpResponse {
  const { statusCode, message, errorType } = GATEWAY_RESPONSES[type];
  const headers: HttpResponse['headers'] = new Map([['content-type', { name: 'Content-Type', values: ['application/json'] }]]);
  if (errorType) headers.set('x-amzn-errortype', { name: 'x-amzn-ErrorType', values: [errorType] });
  return { statusCode, headers, body: Buffer.from(JSON.stringify({ message })) };
}
