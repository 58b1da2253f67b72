// Lambda functions of a resolved stack, as the local function host runs them (handler, environment, limits, role).
import type { LambdaFunctionSpec, ResolvedResource } from '../types';
import { TemplateError } from './intrinsics';
import { isRecord } from './load';

/** Lambda's defaults when the template leaves them out. */
const defaultTimeoutSeconds = 3;
const defaultMemorySizeMb = 128;

export function lambdaFunctionSpecs(resources: readonly ResolvedResource[]): LambdaFunctionSpec[] {
  return resources.filter((resource) => resource.type === 'AWS::Lambda::Function').map(lambdaFunctionSpec);
}

function lambdaFunctionSpec(resource: ResolvedResource): LambdaFunctionSpec {
  const path = `Resources.${resource.logicalId}.Properties`;
  const { Handler: handler, Role: roleArn } = resource.properties;
  if (typeof handler !== 'string') throw new TemplateError(`${path}.Handler: expected a string (image functions are not run locally)`);
  if (typeof roleArn !== 'string') throw new TemplateError(`${path}.Role: expected a role ARN`);
  return {
    logicalId: resource.logicalId,
    functionName: resource.physicalId,
    arn: resource.attributes.Arn ?? '',
    handler,
    environment: environmentVariables(resource.properties.Environment, `${path}.Environment`),
    timeoutSeconds: positiveNumber(resource.properties.Timeout, defaultTimeoutSeconds, `${path}.Timeout`),
    memorySizeMb: positiveNumber(resource.properties.MemorySize, defaultMemorySizeMb, `${path}.MemorySize`),
    roleArn,
  };
}

function environmentVariables(environment: unknown, path: string): Record<string, string> {
  if (environment === undefined) return {};
  const variables = isRecord(environment) ? environment.Variables : undefined;
  if (variables === undefined) return {};
  if (!isRecord(variables)) throw new TemplateError(`${path}.Variables: expected an object`);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string') result[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
    else throw new TemplateError(`${path}.Variables.${name}: Lambda environment values are strings, got ${JSON.stringify(value)}`);
  }
  return result;
}

function positiveNumber(value: unknown, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new TemplateError(`${path}: expected a positive number, got ${JSON.stringify(value)}`);
  return number;
}
