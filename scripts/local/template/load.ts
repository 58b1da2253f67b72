// Reads the packaged CloudFormation template (`sls package` output) and checks the shape the resolver relies on.
import { readFileSync } from 'node:fs';

export interface TemplateParameter {
  Type: string;
  Default?: unknown;
  AllowedValues?: unknown[];
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  /** Name of a condition; the resource exists only when it holds. */
  Condition?: string;
}

export interface TemplateOutput {
  Value: unknown;
  Description?: string;
  Condition?: string;
}

export interface CloudFormationTemplate {
  Parameters?: Record<string, TemplateParameter>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
}

/** Default location of the packaged template, relative to the project root. */
export const packagedTemplatePath = '.serverless/cloudformation-template-update-stack.json';

export function loadTemplate(path: string): CloudFormationTemplate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the CloudFormation template ${path} (run \`sls package\` first?): ${reason}`);
  }
  return parseTemplate(parsed, path);
}

/** Validates the parts of a template the resolver reads; everything else is passed through untouched. */
export function parseTemplate(value: unknown, source = 'template'): CloudFormationTemplate {
  if (!isRecord(value)) throw new Error(`${source}: a CloudFormation template is a JSON object`);
  const resources = value.Resources;
  if (!isRecord(resources)) throw new Error(`${source}: Resources must be an object`);
  for (const [logicalId, resource] of Object.entries(resources)) checkResource(source, logicalId, resource);
  for (const section of ['Parameters', 'Conditions', 'Mappings', 'Outputs'] as const) {
    if (value[section] !== undefined && !isRecord(value[section])) throw new Error(`${source}: ${section} must be an object`);
  }
  return value as unknown as CloudFormationTemplate;
}

function checkResource(source: string, logicalId: string, resource: unknown): void {
  const where = `${source}: Resources.${logicalId}`;
  if (!isRecord(resource)) throw new Error(`${where} must be an object`);
  if (typeof resource.Type !== 'string') throw new Error(`${where}.Type must be a string`);
  if (resource.Properties !== undefined && !isRecord(resource.Properties)) throw new Error(`${where}.Properties must be an object`);
  const dependsOn = resource.DependsOn;
  const validDependsOn =
    dependsOn === undefined || typeof dependsOn === 'string' || (Array.isArray(dependsOn) && dependsOn.every((id) => typeof id === 'string'));
  if (!validDependsOn) throw new Error(`${where}.DependsOn must be a logical id or a list of them`);
  if (resource.Condition !== undefined && typeof resource.Condition !== 'string') throw new Error(`${where}.Condition must be a string`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
