// Resolved template resources for the REST API tests, shaped like `sls package` output with intrinsics resolved.
import type { ResolvedResource } from '../../../../../scripts/local/types';

export const API_ID = 'a1b2c3d4e5';
export const ROOT_ID = 'rootres001';
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';
export const INGEST_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:streaming-reference-dev-clickstreamIngest`;
export const ITEMS_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:items`;
export const FILES_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:files`;

function resource(logicalId: string, type: string, physicalId: string, properties: Record<string, unknown>, attributes: Record<string, string> = {}): ResolvedResource {
  return { logicalId, type, physicalId, properties, attributes };
}

function lambdaUri(functionArn: string): string {
  return `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

function pathResource(logicalId: string, physicalId: string, parentId: string, pathPart: string): ResolvedResource {
  return resource(logicalId, 'AWS::ApiGateway::Resource', physicalId, { ParentId: parentId, PathPart: pathPart, RestApiId: API_ID });
}

function method(logicalId: string, resourceId: string, httpMethod: string, functionArn: string, apiKeyRequired: boolean): ResolvedResource {
  return resource(logicalId, 'AWS::ApiGateway::Method', `${logicalId}-id`, {
    HttpMethod: httpMethod,
    RequestParameters: {},
    ResourceId: resourceId,
    RestApiId: API_ID,
    ApiKeyRequired: apiKeyRequired,
    AuthorizationType: 'NONE',
    Integration: { IntegrationHttpMethod: 'POST', Type: 'AWS_PROXY', Uri: lambdaUri(functionArn) },
    MethodResponses: [],
  });
}

export interface ApiResourceOptions {
  throttle?: { RateLimit?: number; BurstLimit?: number };
  quota?: { Limit: number; Period: string; Offset?: number };
  binaryMediaTypes?: string[];
  /** Value for the producer key; absent means AWS generates one. */
  producerKeyValue?: string;
}

/** The clickstream API of template-dev.json, plus an open /items/{itemId} and a greedy /files/{path+} for routing tests. */
export function apiResources(options: ApiResourceOptions = {}): ResolvedResource[] {
  return [
    resource('ApiGatewayRestApi', 'AWS::ApiGateway::RestApi', API_ID, {
      Name: 'dev-streaming-reference',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      Policy: '',
      MinimumCompressionSize: 1024,
      ...(options.binaryMediaTypes ? { BinaryMediaTypes: options.binaryMediaTypes } : {}),
    }, { RootResourceId: ROOT_ID }),
    // Children before parents, as a template may list them.
    pathResource('ApiGatewayResourceClickstreamEvents', 'res0000002', 'res0000001', 'events'),
    pathResource('ApiGatewayResourceClickstream', 'res0000001', ROOT_ID, 'clickstream'),
    pathResource('ApiGatewayResourceItems', 'res0000003', ROOT_ID, 'items'),
    pathResource('ApiGatewayResourceItemsItemidVar', 'res0000004', 'res0000003', '{itemId}'),
    pathResource('ApiGatewayResourceFiles', 'res0000005', ROOT_ID, 'files'),
    pathResource('ApiGatewayResourceFilesPathVar', 'res0000006', 'res0000005', '{path+}'),
    method('ApiGatewayMethodClickstreamEventsPost', 'res0000002', 'POST', INGEST_ARN, true),
    method('ApiGatewayMethodItemsItemidVarGet', 'res0000004', 'GET', ITEMS_ARN, false),
    method('ApiGatewayMethodFilesPathVarAny', 'res0000006', 'ANY', FILES_ARN, false),
    resource('ApiGatewayDeployment1795681791967', 'AWS::ApiGateway::Deployment', 'dep0000001', { RestApiId: API_ID, StageName: 'dev' }),
    resource('ApiGatewayApiKey1', 'AWS::ApiGateway::ApiKey', 'key0000001', {
      Enabled: true,
      Name: 'streaming-reference-dev-producer',
      StageKeys: [{ RestApiId: API_ID, StageName: 'dev' }],
      ...(options.producerKeyValue ? { Value: options.producerKeyValue } : {}),
    }),
    resource('DisabledApiKey', 'AWS::ApiGateway::ApiKey', 'key0000002', { Enabled: false, Name: 'disabled', Value: 'disabled-key-value-000000000000' }),
    resource('PlanlessApiKey', 'AWS::ApiGateway::ApiKey', 'key0000003', { Enabled: true, Name: 'planless', Value: 'planless-key-value-000000000000' }),
    resource('ApiGatewayUsagePlan', 'AWS::ApiGateway::UsagePlan', 'plan000001', {
      ApiStages: [{ ApiId: API_ID, Stage: 'dev' }],
      Description: 'Usage plan for streaming-reference dev stage',
      UsagePlanName: 'streaming-reference-dev',
      Quota: options.quota ?? { Limit: 1000000, Period: 'DAY' },
      Throttle: options.throttle ?? { BurstLimit: 200, RateLimit: 100 },
    }),
    resource('ApiGatewayUsagePlanKey1', 'AWS::ApiGateway::UsagePlanKey', 'key0000001_plan000001', { KeyId: 'key0000001', KeyType: 'API_KEY', UsagePlanId: 'plan000001' }),
    resource('DisabledUsagePlanKey', 'AWS::ApiGateway::UsagePlanKey', 'key0000002_plan000001', { KeyId: 'key0000002', KeyType: 'API_KEY', UsagePlanId: 'plan000001' }),
  ];
}
