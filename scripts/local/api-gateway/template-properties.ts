// Typed reads of resolved CloudFormation properties, with errors that name the resource and the property.
import type { ResolvedResource } from '../types';

export type Properties = Record<string, unknown>;

function describe(resource: ResolvedResource, key: string): string {
  return `${resource.type} ${resource.logicalId}: property ${key}`;
}

export function isRecord(value: unknown): value is Properties {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requiredString(resource: ResolvedResource, properties: Properties, key: string): string {
  const value = properties[key];
  if (typeof value !== 'string' || value === '') throw new Error(`${describe(resource, key)} must be a non-empty string`);
  return value;
}

export function optionalString(resource: ResolvedResource, properties: Properties, key: string): string | undefined {
  const value = properties[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${describe(resource, key)} must be a string`);
  return value;
}

/** CloudFormation passes numbers as numbers or numeric strings. */
export function optionalNumber(resource: ResolvedResource, properties: Properties, key: string): number | undefined {
  const value = properties[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new Error(`${describe(resource, key)} must be a number`);
  return number;
}

/** CloudFormation passes booleans as booleans or "true"/"false". */
export function optionalBoolean(resource: ResolvedResource, properties: Properties, key: string): boolean | undefined {
  const value = properties[key];
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`${describe(resource, key)} must be a boolean`);
}

export function optionalRecord(resource: ResolvedResource, properties: Properties, key: string): Properties | undefined {
  const value = properties[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new Error(`${describe(resource, key)} must be an object`);
  return value;
}

export function optionalArray(resource: ResolvedResource, properties: Properties, key: string): unknown[] {
  const value = properties[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${describe(resource, key)} must be a list`);
  return value as unknown[];
}

export function stringMap(resource: ResolvedResource, properties: Properties, key: string): Record<string, string> | undefined {
  const record = optionalRecord(resource, properties, key);
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, String(value)]));
}
