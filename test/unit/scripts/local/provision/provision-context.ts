// Test context for provisioners: real SDK clients (mocked per test with aws-sdk-client-mock) and a recording log.
import { createProvisioningClients } from '../../../../../scripts/local/provision/clients';
import type { ProvisionContext } from '../../../../../scripts/local/provision/context';
import type { ResolvedResource } from '../../../../../scripts/local/types';

export function testContext(region = 'us-east-1'): ProvisionContext & { lines: string[] } {
  const lines: string[] = [];
  const clients = createProvisioningClients({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' }, region);
  return { clients, region, accountId: '123456789012', log: (line) => lines.push(line), waitTimeoutMs: 1_000, lines };
}

export function resource(type: string, physicalId: string, properties: Record<string, unknown>, attributes: Record<string, string> = {}): ResolvedResource {
  return { logicalId: 'Subject', type, physicalId, properties, attributes };
}
