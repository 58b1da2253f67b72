// The REST API (v1) as the template defines it: resource tree, methods, stages, API keys and usage plans.
import { randomInt } from 'node:crypto';
import type { ResolvedResource } from '../types';
import {
  isRecord,
  optionalArray,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  optionalString,
  requiredString,
  stringMap,
  type Properties,
} from './template-properties';

export interface ApiMethod {
  httpMethod: string;
  apiKeyRequired: boolean;
  /** The function ARN named by the AWS_PROXY integration URI. */
  functionArn: string;
  /** Integration TimeoutInMillis when the template sets it. */
  timeoutMs: number | undefined;
}

export interface ApiResourceNode {
  id: string;
  pathPart: string;
  /** The template path, e.g. /clickstream/events or /items/{id}: the event's `resource`. */
  path: string;
  children: ApiResourceNode[];
  methods: Map<string, ApiMethod>;
}

export interface ApiStage {
  name: string;
  variables: Record<string, string> | null;
}

export interface ApiKeyDefinition {
  id: string;
  name: string;
  value: string;
  enabled: boolean;
}

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface UsagePlanDefinition {
  id: string;
  name: string;
  /** Stages of this API the plan applies to. */
  stages: string[];
  throttle: { rateLimit: number | undefined; burstLimit: number | undefined } | undefined;
  quota: { limit: number; period: QuotaPeriod; offset: number } | undefined;
  keyIds: string[];
}

export interface RestApiModel {
  id: string;
  name: string;
  root: ApiResourceNode;
  stages: Map<string, ApiStage>;
  apiKeys: ApiKeyDefinition[];
  usagePlans: UsagePlanDefinition[];
  binaryMediaTypes: string[];
  /** Responses at least this large are compressed when the client accepts it; undefined: compression off. */
  minimumCompressionSize: number | undefined;
}

export interface ModelOptions {
  /** Value for an ApiKey without Value (AWS generates 40 characters). */
  generateApiKeyValue?: () => string;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateApiKeyValue(): string {
  return Array.from({ length: 40 }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join('');
}

/** arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations */
const LAMBDA_INTEGRATION_URI = /^arn:[^:]+:apigateway:[^:]*:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

function ofType(resources: ResolvedResource[], type: string, restApiId?: string): ResolvedResource[] {
  return resources.filter((resource) => resource.type === type && (restApiId === undefined || resource.properties.RestApiId === restApiId));
}

function findRestApi(resources: ResolvedResource[]): ResolvedResource {
  const apis = ofType(resources, 'AWS::ApiGateway::RestApi');
  if (apis.length !== 1) throw new Error(`Expected exactly one AWS::ApiGateway::RestApi, found ${apis.length}`);
  return apis[0] as ResolvedResource;
}

function buildResourceTree(resources: ResolvedResource[], restApi: ResolvedResource): { root: ApiResourceNode; byId: Map<string, ApiResourceNode> } {
  const rootId = restApi.attributes.RootResourceId;
  if (!rootId) throw new Error(`${restApi.logicalId} has no RootResourceId attribute`);
  const root: ApiResourceNode = { id: rootId, pathPart: '', path: '/', children: [], methods: new Map() };
  const byId = new Map([[rootId, root]]);
  const pending = ofType(resources, 'AWS::ApiGateway::Resource', restApi.physicalId);
  // Parents can come after children in the template: attach in passes until nothing changes.
  while (pending.length > 0) {
    const attachable = pending.findIndex((resource) => byId.has(String(resource.properties.ParentId)));
    if (attachable < 0) throw new Error(`Resources with unknown ParentId: ${pending.map((resource) => resource.logicalId).join(', ')}`);
    const [resource] = pending.splice(attachable, 1) as [ResolvedResource];
    const parent = byId.get(String(resource.properties.ParentId)) as ApiResourceNode;
    const pathPart = requiredString(resource, resource.properties, 'PathPart');
    const node: ApiResourceNode = { id: resource.physicalId, pathPart, path: `${parent.path === '/' ? '' : parent.path}/${pathPart}`, children: [], methods: new Map() };
    parent.children.push(node);
    byId.set(node.id, node);
  }
  return { root, byId };
}

function methodOf(resource: ResolvedResource): ApiMethod {
  const { properties } = resource;
  const httpMethod = requiredString(resource, properties, 'HttpMethod').toUpperCase();
  const authorizationType = optionalString(resource, properties, 'AuthorizationType') ?? 'NONE';
  if (authorizationType !== 'NONE') throw new Error(`${resource.logicalId}: AuthorizationType ${authorizationType} is not emulated (only NONE with API keys)`);
  const integration = optionalRecord(resource, properties, 'Integration') ?? {};
  const type = optionalString(resource, integration, 'Type');
  const uri = optionalString(resource, integration, 'Uri') ?? '';
  const functionArn = LAMBDA_INTEGRATION_URI.exec(uri)?.[1];
  if (type !== 'AWS_PROXY' || !functionArn) throw new Error(`${resource.logicalId}: only AWS_PROXY Lambda integrations are emulated (got ${type ?? 'none'} ${uri})`);
  return {
    httpMethod,
    apiKeyRequired: optionalBoolean(resource, properties, 'ApiKeyRequired') ?? false,
    functionArn,
    timeoutMs: optionalNumber(resource, integration, 'TimeoutInMillis'),
  };
}

function attachMethods(resources: ResolvedResource[], restApiId: string, byId: Map<string, ApiResourceNode>): void {
  for (const resource of ofType(resources, 'AWS::ApiGateway::Method', restApiId)) {
    const node = byId.get(String(resource.properties.ResourceId));
    if (!node) throw new Error(`${resource.logicalId}: unknown ResourceId ${String(resource.properties.ResourceId)}`);
    const method = methodOf(resource);
    node.methods.set(method.httpMethod, method);
  }
}

/** Stages come from a Deployment's StageName (with StageDescription) or from AWS::ApiGateway::Stage resources. */
function stagesOf(resources: ResolvedResource[], restApiId: string): Map<string, ApiStage> {
  const stages = new Map<string, ApiStage>();
  for (const deployment of ofType(resources, 'AWS::ApiGateway::Deployment', restApiId)) {
    const name = optionalString(deployment, deployment.properties, 'StageName');
    const description = optionalRecord(deployment, deployment.properties, 'StageDescription') ?? {};
    if (name) stages.set(name, { name, variables: stringMap(deployment, description, 'Variables') ?? null });
  }
  for (const stage of ofType(resources, 'AWS::ApiGateway::Stage', restApiId)) {
    const name = requiredString(stage, stage.properties, 'StageName');
    stages.set(name, { name, variables: stringMap(stage, stage.properties, 'Variables') ?? null });
  }
  return stages;
}

function apiKeysOf(resources: ResolvedResource[], options: ModelOptions): ApiKeyDefinition[] {
  return ofType(resources, 'AWS::ApiGateway::ApiKey').map((resource) => ({
    id: resource.physicalId,
    name: optionalString(resource, resource.properties, 'Name') ?? resource.physicalId,
    value: optionalString(resource, resource.properties, 'Value') ?? (options.generateApiKeyValue ?? generateApiKeyValue)(),
    // CloudFormation's default is a disabled key.
    enabled: optionalBoolean(resource, resource.properties, 'Enabled') ?? false,
  }));
}

function quotaOf(resource: ResolvedResource, quota: Properties | undefined): UsagePlanDefinition['quota'] {
  if (!quota) return undefined;
  const limit = optionalNumber(resource, quota, 'Limit');
  const period = optionalString(resource, quota, 'Period');
  if (limit === undefined || period === undefined) return undefined;
  if (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH') throw new Error(`${resource.logicalId}: Quota Period ${period} must be DAY, WEEK or MONTH`);
  return { limit, period, offset: optionalNumber(resource, quota, 'Offset') ?? 0 };
}

function usagePlansOf(resources: ResolvedResource[], restApiId: string): UsagePlanDefinition[] {
  const planKeys = ofType(resources, 'AWS::ApiGateway::UsagePlanKey');
  return ofType(resources, 'AWS::ApiGateway::UsagePlan').map((resource) => {
    const { properties } = resource;
    const throttle = optionalRecord(resource, properties, 'Throttle');
    return {
      id: resource.physicalId,
      name: optionalString(resource, properties, 'UsagePlanName') ?? resource.physicalId,
      stages: optionalArray(resource, properties, 'ApiStages')
        .filter(isRecord)
        .filter((apiStage) => apiStage.ApiId === restApiId && typeof apiStage.Stage === 'string')
        .map((apiStage) => String(apiStage.Stage)),
      throttle: throttle && {
        rateLimit: optionalNumber(resource, throttle, 'RateLimit'),
        burstLimit: optionalNumber(resource, throttle, 'BurstLimit'),
      },
      quota: quotaOf(resource, optionalRecord(resource, properties, 'Quota')),
      keyIds: planKeys.filter((planKey) => planKey.properties.UsagePlanId === resource.physicalId).map((planKey) => String(planKey.properties.KeyId)),
    };
  });
}

export function buildRestApiModel(resources: ResolvedResource[], options: ModelOptions = {}): RestApiModel {
  const restApi = findRestApi(resources);
  const { properties } = restApi;
  const apiKeySource = optionalString(restApi, properties, 'ApiKeySourceType') ?? 'HEADER';
  if (apiKeySource !== 'HEADER') throw new Error(`${restApi.logicalId}: ApiKeySourceType ${apiKeySource} is not emulated (only HEADER)`);
  const { root, byId } = buildResourceTree(resources, restApi);
  attachMethods(resources, restApi.physicalId, byId);
  return {
    id: restApi.physicalId,
    name: optionalString(restApi, properties, 'Name') ?? restApi.physicalId,
    root,
    stages: stagesOf(resources, restApi.physicalId),
    apiKeys: apiKeysOf(resources, options),
    usagePlans: usagePlansOf(resources, restApi.physicalId),
    binaryMediaTypes: optionalArray(restApi, properties, 'BinaryMediaTypes').map((type) => String(type).replaceAll('~1', '/')),
    minimumCompressionSize: optionalNumber(restApi, properties, 'MinimumCompressionSize'),
  };
}
