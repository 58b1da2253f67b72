// Resolves a whole template in creation order: parameters, conditions, every resource's properties, identities, outputs.
import { createHash } from 'node:crypto';
import type { ResolvedResource } from '../types';
import { conditionTable, type ConditionLookup } from './conditions';
import { creationOrder, resourceDependencies } from './dependencies';
import { noValue, resolveValue, TemplateError, type IntrinsicScope, type PseudoParameters } from './intrinsics';
import { isRecord, type CloudFormationTemplate } from './load';
import { resolveParameters } from './parameters';
import { resourceIdentity, type ResourceIdentity, type StackIdentity } from './physical-ids';

export interface StackOptions {
  stackName: string;
  region: string;
  accountId: string;
  /** Values for the template's Parameters; the rest take their Default. */
  parameters?: Record<string, string>;
}

export interface ExcludedResource {
  logicalId: string;
  type: string;
  condition: string;
}

export interface ResolvedStack {
  /** In creation order. */
  resources: ResolvedResource[];
  /** Resources whose Condition is false; CloudFormation would not create them either. */
  excluded: ExcludedResource[];
  outputs: Record<string, string>;
}

/**
 * Called for each resource in creation order, after its properties are resolved and before anything refers to it.
 * Provisioning creates the resource here and returns what only the backend knows (a queue URL, a stream ARN, an id).
 */
export type ResourceMaterializer = (resource: ResolvedResource) => Promise<Partial<ResourceIdentity> | undefined>;

export async function resolveStack(
  template: CloudFormationTemplate,
  options: StackOptions,
  materialize: ResourceMaterializer = () => Promise.resolve(undefined),
): Promise<ResolvedStack> {
  const stack = stackIdentity(options);
  const resolved = new Map<string, ResolvedResource>();
  const templateResources = template.Resources;
  const pseudo = pseudoParameters(stack);
  const parameters = resolveParameters(template.Parameters, options.parameters);
  const resourceScope = (condition: ConditionLookup): IntrinsicScope => ({
    pseudo,
    parameters,
    mappings: template.Mappings ?? {},
    condition,
    isResource: (id) => id in templateResources,
    ref: (id, path) => resolvedResource(id, path).physicalId,
    getAtt: (id, attribute, path) => attributeOf(resolvedResource(id, path), attribute, path),
  });
  const conditionScope = (condition: ConditionLookup): IntrinsicScope => ({
    ...resourceScope(condition),
    ref: (id, path) => {
      throw new TemplateError(`${path}: conditions can refer to parameters only, not to the resource ${id}`);
    },
  });
  const condition = conditionTable(template.Conditions ?? {}, conditionScope);
  const scope = resourceScope(condition);

  const excluded: ExcludedResource[] = [];
  const included = new Set<string>();
  for (const [logicalId, resource] of Object.entries(templateResources)) {
    if (resource.Condition && !condition(resource.Condition, `Resources.${logicalId}.Condition`)) {
      excluded.push({ logicalId, type: resource.Type, condition: resource.Condition });
    } else {
      included.add(logicalId);
    }
  }

  function resolvedResource(id: string, path: string): ResolvedResource {
    const resource = resolved.get(id);
    if (resource) return resource;
    const exclusion = excluded.find((entry) => entry.logicalId === id);
    if (exclusion) throw new TemplateError(`${path}: ${id} is not created (condition ${exclusion.condition} is false)`);
    throw new TemplateError(`${path}: ${id} is referred to before it is created`);
  }

  const dependencies = new Map([...included].map((id) => [id, resourceDependencies(id, templateResources[id]!, included)]));
  for (const logicalId of creationOrder(dependencies)) {
    const resource = templateResources[logicalId]!;
    const path = `Resources.${logicalId}.Properties`;
    const properties = resolveValue(resource.Properties ?? {}, scope, path);
    if (!isRecord(properties)) throw new TemplateError(`${path}: must resolve to an object`);
    const identity = resourceIdentity(resource.Type, logicalId, properties, stack);
    const entry: ResolvedResource = { logicalId, type: resource.Type, properties, ...identity };
    const known = await materialize(entry);
    resolved.set(logicalId, {
      ...entry,
      physicalId: known?.physicalId ?? entry.physicalId,
      attributes: { ...entry.attributes, ...known?.attributes },
    });
  }
  return { resources: [...resolved.values()], excluded, outputs: resolveOutputs(template, scope, condition) };
}

function attributeOf(resource: ResolvedResource, attribute: string, path: string): string {
  const value = resource.attributes[attribute];
  if (value !== undefined) return value;
  const known = Object.keys(resource.attributes);
  throw new TemplateError(
    `${path}: ${resource.logicalId} (${resource.type}) has no attribute ${attribute} in the local cloud` +
      (known.length ? `; it has ${known.join(', ')}` : ''),
  );
}

function resolveOutputs(template: CloudFormationTemplate, scope: IntrinsicScope, condition: ConditionLookup): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !condition(output.Condition, `Outputs.${name}.Condition`)) continue;
    const value = resolveValue(output.Value, scope, `Outputs.${name}.Value`);
    if (value === noValue) continue;
    outputs[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return outputs;
}

export function stackIdentity(options: StackOptions): StackIdentity {
  const partition = options.region.startsWith('cn-') ? 'aws-cn' : options.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const urlSuffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { stackName: options.stackName, region: options.region, accountId: options.accountId, partition, urlSuffix };
}

function pseudoParameters(stack: StackIdentity): PseudoParameters {
  const hex = createHash('sha256').update(stack.stackName).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return {
    ...stack,
    stackId: `arn:${stack.partition}:cloudformation:${stack.region}:${stack.accountId}:stack/${stack.stackName}/${uuid}`,
  };
}
