// Template parameter values: overrides, else defaults, checked against AllowedValues like CloudFormation does.
import { TemplateError } from './intrinsics';
import type { TemplateParameter } from './load';

/** Ref to a parameter gives a string, or a list of strings for the list types. */
export function resolveParameters(
  declarations: Readonly<Record<string, TemplateParameter>> = {},
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string | string[]> {
  for (const name of Object.keys(overrides)) {
    if (!(name in declarations)) throw new TemplateError(`Parameters: ${name} is given a value but the template does not declare it`);
  }
  const values: Record<string, string | string[]> = {};
  for (const [name, declaration] of Object.entries(declarations)) {
    values[name] = parameterValue(name, declaration, overrides[name]);
  }
  return values;
}

function parameterValue(name: string, declaration: TemplateParameter, override: string | undefined): string | string[] {
  const raw = override ?? defaultAsString(declaration.Default);
  if (raw === undefined) throw new TemplateError(`Parameters.${name}: no value given and no Default`);
  if (declaration.Type.startsWith('AWS::SSM::Parameter::Value') && override === undefined) {
    throw new TemplateError(`Parameters.${name}: ${declaration.Type} reads SSM Parameter Store; pass the value as an override locally`);
  }
  if (declaration.AllowedValues && !declaration.AllowedValues.map(String).includes(raw)) {
    throw new TemplateError(`Parameters.${name}: ${raw} is not one of ${declaration.AllowedValues.map(String).join(', ')}`);
  }
  if (declaration.Type === 'Number' && !Number.isFinite(Number(raw))) throw new TemplateError(`Parameters.${name}: ${raw} is not a number`);
  const isList = declaration.Type === 'CommaDelimitedList' || declaration.Type.startsWith('List<');
  return isList ? raw.split(',').map((item) => item.trim()) : raw;
}

function defaultAsString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => defaultAsString(item) ?? '').join(',');
  return undefined;
}
