// Which S3 objects a Glue table's partitions cover: the storage.location.template layout and partition projection rules.
import { parseS3Url, type GlueTableDefinition } from './catalog';

export class PartitionProjectionError extends Error {
  override name = 'PartitionProjectionError';
}

export interface PartitionLayout {
  bucket: string;
  /** The constant part of every partition's key prefix: list objects under it. */
  listPrefix: string;
  /** Partition values of an object, or undefined when no partition of the table holds it. */
  partitionOf(key: string): Record<string, string> | undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * With projection, Athena reads partition P from storage.location.template with P's values filled in (or from
 * `<Location><key>=<value>/…` without a template); without projection, from partitions registered in Glue, which
 * a local run has none of, so Hive-style `key=value/` directories under Location stand in (what MSCK REPAIR finds).
 * Objects whose name starts with `_` or `.` are hidden to Athena, as to Hive.
 */
export function partitionLayout(table: GlueTableDefinition): PartitionLayout {
  const keys = table.partitionKeys.map((key) => key.name);
  const template = table.parameters['storage.location.template'] ?? `${table.location.replace(/\/?$/, '/')}${keys.map((key) => `${key}=\${${key}}/`).join('')}`;
  const { bucket, prefix } = parseS3Url(template);
  const placeholder = /\$\{([A-Za-z0-9_]+)\}/g;
  const named = [...prefix.matchAll(placeholder)].map((match) => match[1]!);
  const missing = keys.filter((key) => !named.includes(key));
  if (missing.length > 0) throw new PartitionProjectionError(`${table.name}: storage.location.template does not place ${missing.join(', ')}`);
  const pattern = new RegExp(`^${prefix.split(placeholder).map((part, index) => (index % 2 === 1 ? `(?<${part}>[^/]+)` : escapeRegExp(part))).join('')}(?<file>.+)$`);
  const listPrefix = prefix.slice(0, prefix.search(/\$\{/) < 0 ? prefix.length : prefix.search(/\$\{/));
  return {
    bucket,
    listPrefix,
    partitionOf: (key) => {
      const groups = pattern.exec(key)?.groups;
      const file = groups?.file?.split('/').pop() ?? '';
      if (!groups || file === '' || file.startsWith('_') || file.startsWith('.')) return undefined;
      return Object.fromEntries(keys.map((name) => [name, groups[name]!]));
    },
  };
}

type ProjectionRule = (value: string) => boolean;

/** Partition values Athena's projection would enumerate; `now` is what `NOW` in a date range means. */
export function projectionFilter(table: GlueTableDefinition, now: Date): (values: Readonly<Record<string, string>>) => boolean {
  if (table.parameters['projection.enabled'] !== 'true') return () => true;
  const rules = table.partitionKeys.map((key) => ({ name: key.name, accepts: projectionRule(table, key.name, now) }));
  return (values) => rules.every(({ name, accepts }) => accepts(values[name] ?? ''));
}

function projectionRule(table: GlueTableDefinition, key: string, now: Date): ProjectionRule {
  const parameter = (name: string): string | undefined => table.parameters[`projection.${key}.${name}`];
  const required = (name: string): string => {
    const value = parameter(name);
    if (value === undefined) throw new PartitionProjectionError(`${table.name}: projection.${key}.${name} is required`);
    return value;
  };
  const type = required('type');
  switch (type) {
    case 'integer':
      return integerRule(required('range'), parameter('digits'), parameter('interval'));
    case 'enum': {
      const values = new Set(required('values').split(',').map((value) => value.trim()));
      return (value) => values.has(value);
    }
    case 'injected':
      return () => true;
    case 'date':
      return dateRule(required('format'), required('range'), parameter('interval') ?? '1', parameter('interval.unit') ?? 'DAYS', now, `${table.name}.${key}`);
    default:
      throw new PartitionProjectionError(`${table.name}: projection type "${type}" of ${key} is not supported locally`);
  }
}

function integerRule(range: string, digits: string | undefined, interval: string | undefined): ProjectionRule {
  const [low, high] = range.split(',').map((bound) => Number(bound.trim()));
  const step = Number(interval ?? '1');
  const width = Number(digits ?? '0');
  return (value) => {
    if (!/^-?\d+$/.test(value)) return false;
    const number = Number(value);
    // Athena formats each projected number with `digits` and looks only there: "9" is not where "09" lives.
    const formatted = String(Math.abs(number)).padStart(width, '0');
    return number >= low! && number <= high! && (number - low!) % step === 0 && value === (number < 0 ? `-${formatted}` : formatted);
  };
}

const UNIT_MS: Record<string, number> = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000, WEEKS: 604_800_000 };

/** The Java date pattern letters projection formats use. */
const DATE_FIELDS: Record<string, { width: number; group: string }> = {
  yyyy: { width: 4, group: 'year' },
  MM: { width: 2, group: 'month' },
  dd: { width: 2, group: 'day' },
  HH: { width: 2, group: 'hour' },
  mm: { width: 2, group: 'minute' },
  ss: { width: 2, group: 'second' },
};

export function parseProjectedDate(format: string): (value: string) => Date | undefined {
  let source = '';
  for (let index = 0; index < format.length; ) {
    const field = Object.keys(DATE_FIELDS).find((letters) => format.startsWith(letters, index));
    if (field) {
      const { width, group } = DATE_FIELDS[field]!;
      source += `(?<${group}>\\d{${width}})`;
      index += field.length;
    } else if (/[A-Za-z]/.test(format[index]!)) {
      throw new PartitionProjectionError(`date format "${format}": letters other than ${Object.keys(DATE_FIELDS).join(', ')} are not supported locally`);
    } else {
      source += escapeRegExp(format[index]!);
      index += 1;
    }
  }
  const pattern = new RegExp(`^${source}$`);
  return (value) => {
    const groups = pattern.exec(value)?.groups;
    if (!groups) return undefined;
    const part = (name: string, fallback: number): number => (groups[name] === undefined ? fallback : Number(groups[name]));
    const date = new Date(Date.UTC(part('year', 1970), part('month', 1) - 1, part('day', 1), part('hour', 0), part('minute', 0), part('second', 0)));
    // Date.UTC rolls 2026-02-31 over to March; projection never produces such a value.
    return date.getUTCMonth() === part('month', 1) - 1 && date.getUTCDate() === part('day', 1) ? date : undefined;
  };
}

/** `NOW`, `NOW-3DAYS`, `NOW+1HOURS` or a date in the projection's format. */
function rangeBound(bound: string, parse: (value: string) => Date | undefined, now: Date, where: string): number {
  const relative = /^NOW(?:([+-])(\d+)(SECONDS|MINUTES|HOURS|DAYS|WEEKS))?$/i.exec(bound.trim());
  if (relative) {
    const offset = relative[1] === undefined ? 0 : Number(relative[2]) * UNIT_MS[relative[3]!.toUpperCase()]! * (relative[1] === '-' ? -1 : 1);
    return now.getTime() + offset;
  }
  const date = parse(bound.trim());
  if (!date) throw new PartitionProjectionError(`${where}: range bound "${bound}" does not match its format`);
  return date.getTime();
}

function dateRule(format: string, range: string, interval: string, unit: string, now: Date, where: string): ProjectionRule {
  const parse = parseProjectedDate(format);
  const [startText = '', endText = ''] = range.split(',');
  const start = rangeBound(startText, parse, now, where);
  const end = rangeBound(endText, parse, now, where);
  const unitMs = UNIT_MS[unit.toUpperCase()];
  if (unitMs === undefined) throw new PartitionProjectionError(`${where}: interval unit ${unit} is not supported locally`);
  const stepMs = Number(interval) * unitMs;
  return (value) => {
    const date = parse(value);
    if (!date) return false;
    const at = date.getTime();
    return at >= start && at <= end && (at - start) % stepMs === 0;
  };
}
