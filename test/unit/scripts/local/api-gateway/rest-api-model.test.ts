// Reading the REST API from resolved template resources, and refusing what the emulation does not cover.
import { buildRestApiModel } from '../../../../../scripts/local/api-gateway/rest-api-model';
import type { ResolvedResource } from '../../../../../scripts/local/types';
import { API_ID, apiResources } from './rest-api-resources';

function withMethodChanges(changes: Record<string, unknown>): ResolvedResource[] {
  return apiResources().map((resource) =>
    resource.logicalId === 'ApiGatewayMethodClickstreamEventsPost' ? { ...resource, properties: { ...resource.properties, ...changes } } : resource,
  );
}

describe('buildRestApiModel', () => {
  it('builds template paths from ParentId links, whatever the resource order', () => {
    const model = buildRestApiModel(apiResources(), { generateApiKeyValue: () => 'generated' });

    const paths = (node: typeof model.root): string[] => [node.path, ...node.children.flatMap(paths)];
    expect(paths(model.root).sort()).toEqual(['/', '/clickstream', '/clickstream/events', '/files', '/files/{path+}', '/items', '/items/{itemId}']);
    expect(model.stages).toEqual(new Map([['dev', { name: 'dev', variables: null }]]));
    expect(model.minimumCompressionSize).toBe(1024);
    expect(model.usagePlans).toEqual([
      {
        id: 'plan000001',
        name: 'streaming-reference-dev',
        stages: ['dev'],
        throttle: { rateLimit: 100, burstLimit: 200 },
        quota: { limit: 1000000, period: 'DAY', offset: 0 },
        keyIds: ['key0000001', 'key0000002'],
      },
    ]);
    expect(model.apiKeys[0]).toEqual({ id: 'key0000001', name: 'streaming-reference-dev-producer', value: 'generated', enabled: true });
  });

  it('reads stages and stage variables from AWS::ApiGateway::Stage', () => {
    const stage: ResolvedResource = {
      logicalId: 'ProdStage',
      type: 'AWS::ApiGateway::Stage',
      physicalId: 'prod',
      properties: { RestApiId: API_ID, StageName: 'prod', DeploymentId: 'dep0000001', Variables: { tableName: 'orders' } },
      attributes: {},
    };

    expect(buildRestApiModel([...apiResources(), stage]).stages.get('prod')).toEqual({ name: 'prod', variables: { tableName: 'orders' } });
  });

  it('treats an ApiKey without Enabled as disabled, like CloudFormation', () => {
    const resources = apiResources().map((resource) =>
      resource.logicalId === 'ApiGatewayApiKey1' ? { ...resource, properties: { Name: 'producer', Value: 'v' } } : resource,
    );

    expect(buildRestApiModel(resources).apiKeys[0]?.enabled).toBe(false);
  });

  it.each([
    ['an authorizer', { AuthorizationType: 'AWS_IAM' }, /AuthorizationType AWS_IAM is not emulated/],
    ['a non-proxy integration', { Integration: { Type: 'MOCK' } }, /only AWS_PROXY Lambda integrations are emulated/],
  ])('refuses %s rather than serving it wrongly', (_case, changes, message) => {
    expect(() => buildRestApiModel(withMethodChanges(changes))).toThrow(message);
  });

  it('needs exactly one REST API', () => {
    expect(() => buildRestApiModel(apiResources().filter((resource) => resource.type !== 'AWS::ApiGateway::RestApi'))).toThrow(/found 0/);
  });
});
