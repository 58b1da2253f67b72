// What every resource provisioner receives, and the small helpers they share (errors, waits, property checks).
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceIdentity } from '../template/physical-ids';
import type { ResolvedResource } from '../types';
import type { ProvisioningClients } from './clients';

export interface ProvisionContext {
  clients: ProvisioningClients;
  region: string;
  accountId: string;
  log: (line: string) => void;
  /** Upper bound for a resource to become ACTIVE. */
  waitTimeoutMs: number;
}

/** Creates one resource (or finds it already there) and returns what only the backend knows. */
export type ResourceProvisioner = (resource: ResolvedResource, context: ProvisionContext) => Promise<Partial<ResourceIdentity> | undefined>;

/** True for an SDK error with one of the given names (the AWS error code). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}

/** Polls `probe` until it returns a value, or fails after the timeout naming what it waited for. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Logs the properties a provisioner does not apply, so a local/AWS difference is visible instead of silent. */
export function reportIgnoredProperties(resource: ResolvedResource, handled: readonly string[], context: ProvisionContext): void {
  const ignored = Object.keys(resource.properties).filter((key) => !handled.includes(key));
  if (ignored.length) context.log(`${resource.logicalId}: not applied locally: ${ignored.join(', ')}`);
}

export function integerProperty(resource: ResolvedResource, name: string, fallback?: number): number | undefined {
  const value = resource.properties[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number)) throw new Error(`${resource.logicalId}.${name}: expected an integer, got ${JSON.stringify(value)}`);
  return number;
}

/** A template value as API text: scalars as they are, objects (policies, filter documents) as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** CloudFormation accepts true/"true" alike. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Template tags [{Key, Value}] as the record most APIs take. */
export function tagRecord(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return Object.fromEntries(
    tags.flatMap((tag: unknown) => {
      const { Key: key, Value: value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
      return typeof key === 'string' ? [[key, asText(value)]] : [];
    }),
  );
}

/** Template tags [{Key, Value}] as the list other APIs take. */
export function tagList(tags: unknown): { Key: string; Value: string }[] | undefined {
  const record = tagRecord(tags);
  return record && Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
}
