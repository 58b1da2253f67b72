// Provisions the local cloud from the packaged CloudFormation template: emulator resources created in dependency order.
import type { LambdaFunctionSpec, ResolvedResource } from '../types';
import { lambdaFunctionSpecs } from '../template/functions';
import { loadTemplate, type CloudFormationTemplate } from '../template/load';
import type { ResourceIdentity } from '../template/physical-ids';
import { resolveStack, type ExcludedResource } from '../template/resolve';
import { createProvisioningClients } from './clients';
import type { ProvisionContext, ResourceProvisioner } from './context';
import { isServedByLocalCloud, provisionerFor, skipReason } from './resource-roles';

export { skipReason } from './resource-roles';

export interface ProvisionOptions {
  /** The parsed template, or the path of the packaged one (.serverless/cloudformation-template-update-stack.json). */
  template: CloudFormationTemplate | string;
  /** "<service>-<stage>", as `sls deploy` names the stack; generated names and AWS::StackName use it. */
  stackName: string;
  region: string;
  accountId: string;
  /** SDK environment reaching the emulators (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_KINESIS, credentials). */
  clientsEnv: Readonly<Record<string, string | undefined>>;
  /** Template parameter values; the others take their Default. */
  parameters?: Record<string, string>;
  log?: (line: string) => void;
  /** Upper bound for one resource to become ACTIVE (default 30 s). */
  waitTimeoutMs?: number;
}

export interface SkippedResource {
  logicalId: string;
  type: string;
  reason: string;
}

export interface ProvisionedStack {
  /** Every resource the template creates, resolved, in creation order (including those served locally or skipped). */
  resources: ResolvedResource[];
  functions: LambdaFunctionSpec[];
  /** Resources with no local counterpart, and why (docs/local-cloud.md, "How the local cloud differs from AWS"). */
  skipped: SkippedResource[];
  /** Resources whose Condition is false. */
  excluded: ExcludedResource[];
  outputs: Record<string, string>;
}

export async function provisionStack(options: ProvisionOptions): Promise<ProvisionedStack> {
  const template = typeof options.template === 'string' ? loadTemplate(options.template) : options.template;
  const log = options.log ?? (() => undefined);
  const clients = createProvisioningClients(options.clientsEnv, options.region);
  const context: ProvisionContext = { clients, region: options.region, accountId: options.accountId, log, waitTimeoutMs: options.waitTimeoutMs ?? 30_000 };
  const skipped: SkippedResource[] = [];
  try {
    const stack = await resolveStack(template, options, async (resource): Promise<Partial<ResourceIdentity> | undefined> => {
      const provision = provisionerFor(resource);
      if (provision) return provisionOne(provision, resource, context);
      if (!isServedByLocalCloud(resource.type)) {
        const reason = skipReason(resource);
        skipped.push({ logicalId: resource.logicalId, type: resource.type, reason });
        log(`${resource.logicalId}: skipped (${reason})`);
      }
      return undefined;
    });
    return { ...stack, functions: lambdaFunctionSpecs(stack.resources), skipped };
  } finally {
    clients.destroy();
  }
}

async function provisionOne(
  provision: ResourceProvisioner,
  resource: ResolvedResource,
  context: ProvisionContext,
): Promise<Partial<ResourceIdentity> | undefined> {
  try {
    return await provision(resource, context);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`provisioning ${resource.logicalId} (${resource.type}) failed: ${message}`, { cause: error });
  }
}
