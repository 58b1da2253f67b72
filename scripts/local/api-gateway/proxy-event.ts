// Builds the REST API (v1) Lambda proxy integration event, APIGatewayProxyEvent, from an HTTP request.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { isBinaryMediaType } from './binary-media-types';
import type { ApiKeyDefinition, ApiStage } from './rest-api-model';
import type { ResourceMatch } from './resource-router';

export interface ProxyRequest {
  httpMethod: string;
  /** Request path after the stage, exactly as sent (percent-encoding kept), e.g. /items/a%20b. */
  path: string;
  /** Query string without "?", or undefined when the URL has none. */
  rawQuery: string | undefined;
  /** Header name/value pairs in arrival order with their original case, gateway-added headers included. */
  headers: Array<[string, string]>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
}

export interface ProxyEventContext {
  accountId: string;
  apiId: string;
  stage: ApiStage;
  domainName: string;
  requestId: string;
  extendedRequestId: string;
  requestTimeEpochMs: number;
  /** The caller's key when the method requires one; REST APIs leave identity.apiKey null otherwise. */
  apiKey: ApiKeyDefinition | null;
  binaryMediaTypes: string[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "26/Nov/2026:08:00:00 +0000", the CLF time API Gateway puts in requestContext.requestTime. */
export function formatRequestTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  const day = `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()] ?? ''}/${date.getUTCFullYear()}`;
  return `${day}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** Single-value maps keep the last value of a repeated name; multi-value maps keep all, in order. */
function singleAndMultiValue(pairs: Array<[string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/** Header names are case-insensitive: repeated headers join under the spelling seen first. */
function headerPairs(headers: Array<[string, string]>): Array<[string, string]> {
  const spelling = new Map<string, string>();
  return headers.map(([name, value]) => {
    const key = name.toLowerCase();
    if (!spelling.has(key)) spelling.set(key, name);
    return [spelling.get(key) as string, value];
  });
}

function queryPairs(rawQuery: string | undefined): Array<[string, string]> {
  if (!rawQuery) return [];
  return [...new URLSearchParams(rawQuery)];
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.findLast(([candidate]) => candidate.toLowerCase() === name)?.[1];
}

function bodyOf(request: ProxyRequest, binaryMediaTypes: string[]): { body: string | null; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { body: null, isBase64Encoded: false };
  if (isBinaryMediaType(headerValue(request.headers, 'content-type'), binaryMediaTypes)) {
    return { body: request.body.toString('base64'), isBase64Encoded: true };
  }
  return { body: request.body.toString('utf8'), isBase64Encoded: false };
}

export function buildProxyEvent(request: ProxyRequest, match: ResourceMatch, context: ProxyEventContext): APIGatewayProxyEvent {
  const headers = singleAndMultiValue(headerPairs(request.headers));
  const query = singleAndMultiValue(queryPairs(request.rawQuery));
  const hasQuery = Object.keys(query.single).length > 0;
  const stagePath = `/${context.stage.name}${request.path === '/' ? '/' : request.path}`;
  return {
    resource: match.resource.path,
    path: request.path,
    httpMethod: request.httpMethod,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: hasQuery ? query.single : null,
    multiValueQueryStringParameters: hasQuery ? query.multi : null,
    pathParameters: match.pathParameters,
    stageVariables: context.stage.variables,
    requestContext: {
      resourceId: match.resource.id,
      resourcePath: match.resource.path,
      httpMethod: request.httpMethod,
      extendedRequestId: context.extendedRequestId,
      requestTime: formatRequestTime(context.requestTimeEpochMs),
      path: stagePath,
      accountId: context.accountId,
      protocol: request.protocol,
      stage: context.stage.name,
      domainPrefix: context.domainName.split('.')[0],
      requestTimeEpoch: context.requestTimeEpochMs,
      requestId: context.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        apiKey: context.apiKey?.value ?? null,
        apiKeyId: context.apiKey?.id ?? null,
        sourceIp: request.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: headerValue(request.headers, 'user-agent') ?? null,
        user: null,
        clientCert: null,
      },
      domainName: context.domainName,
      apiId: context.apiId,
      // Present only when an authorizer ran; JSON drops the undefined.
      authorizer: undefined,
    },
    ...bodyOf(request, context.binaryMediaTypes),
  };
}
