// Finds a deployed stack (AWS or LocalStack) from CloudFormation: API URL, producer API key and physical resource ids.
import { CloudFormationClient, DescribeStacksCommand, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { APIGatewayClient, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { keepAliveHttpHandler } from '../../shared/aws/clients';

/** Which kind of cloud answers the SDK's endpoint: the endpoint variables decide it, nothing else. */
export type StackBackend = 'aws' | 'localstack' | 'embedded';

/** What the backend-independent stack contract tests need to know about a running stack. */
export interface StackUnderTest {
  backend: StackBackend;
  stage: string;
  stackName: string;
  apiUrl: string;
  apiKey: string;
  /** Physical id (what `Ref` returns) of a template resource. */
  physicalId(logicalId: string): string;
}

export const SERVICE_NAME = 'streaming-reference';

/** LocalStack when the generic SDK endpoint points at it (port 4566 or a *.localstack.cloud host), AWS when unset. */
export function backendFromEndpoint(env: Readonly<Record<string, string | undefined>>): Exclude<StackBackend, 'embedded'> {
  const endpoint = env.AWS_ENDPOINT_URL;
  if (!endpoint) return 'aws';
  const url = new URL(endpoint);
  if (url.port === '4566' || url.hostname.endsWith('localstack.cloud')) return 'localstack';
  throw new Error(
    `AWS_ENDPOINT_URL=${endpoint} is neither LocalStack (port 4566) nor unset (AWS); the embedded local cloud is tested by npm test`,
  );
}

/**
 * The URL clients call for a REST API stage. On AWS: the execute-api host. LocalStack serves the same API under
 * its edge port at /restapis/<id>/<stage>/_user_request_ (the path form works without wildcard DNS).
 */
export function restApiUrl(backend: Exclude<StackBackend, 'embedded'>, restApiId: string, stage: string, region: string, endpoint?: string): string {
  if (backend === 'localstack') {
    if (!endpoint) throw new Error('LocalStack needs AWS_ENDPOINT_URL');
    return `${endpoint.replace(/\/$/, '')}/restapis/${restApiId}/${stage}/_user_request_`;
  }
  return `https://${restApiId}.execute-api.${region}.amazonaws.com/${stage}`;
}

export interface DiscoverOptions {
  stage: string;
  region: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Reads the stack `sls deploy --stage <stage>` created: its resources and the producer API key's value. */
export async function discoverDeployedStack(options: DiscoverOptions): Promise<StackUnderTest> {
  const env = options.env ?? process.env;
  const backend = backendFromEndpoint(env);
  const stackName = `${SERVICE_NAME}-${options.stage}`;
  const clientConfig = { region: options.region, requestHandler: keepAliveHttpHandler() };
  const cloudFormation = new CloudFormationClient(clientConfig);
  const apiGateway = new APIGatewayClient(clientConfig);
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const status = Stacks[0]?.StackStatus ?? 'MISSING';
    if (!/_COMPLETE$/.test(status) || status.includes('ROLLBACK') || status.startsWith('DELETE')) {
      throw new Error(`Stack ${stackName} is ${status}; deploy it first (npx sls deploy --stage ${options.stage})`);
    }
    const physicalIds = new Map<string, string>();
    for await (const page of paginateListStackResources({ client: cloudFormation }, { StackName: stackName })) {
      for (const summary of page.StackResourceSummaries ?? []) {
        if (summary.LogicalResourceId && summary.PhysicalResourceId) physicalIds.set(summary.LogicalResourceId, summary.PhysicalResourceId);
      }
    }
    const physicalId = (logicalId: string): string => {
      const id = physicalIds.get(logicalId);
      if (!id) throw new Error(`Stack ${stackName} has no resource ${logicalId}`);
      return id;
    };
    const keyName = `${stackName}-producer`;
    const { items = [] } = await apiGateway.send(new GetApiKeysCommand({ nameQuery: keyName, includeValues: true }));
    const apiKey = items.find((item) => item.name === keyName)?.value;
    if (!apiKey) throw new Error(`No API key named ${keyName}`);
    return {
      backend,
      stage: options.stage,
      stackName,
      apiUrl: restApiUrl(backend, physicalId('ApiGatewayRestApi'), options.stage, options.region, env.AWS_ENDPOINT_URL),
      apiKey,
      physicalId,
    };
  } finally {
    cloudFormation.destroy();
    apiGateway.destroy();
  }
}
