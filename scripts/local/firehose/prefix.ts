// S3 prefix expressions (!{namespace:value}): parsed and checked at stream creation, evaluated per object or partition.
import { compileTimestampPattern, TimestampPatternError, type TimestampFormatter } from './timestamp-format';

export type PrefixSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'timestamp'; pattern: string; format: TimestampFormatter }
  | { kind: 'random-string' }
  | { kind: 'error-output-type' }
  | { kind: 'partition-key'; source: 'query' | 'lambda'; key: string };

export interface ParsedPrefix {
  /** The field as configured ('' when absent). */
  raw: string;
  segments: PrefixSegment[];
}

export class PrefixSyntaxError extends Error {
  override name = 'PrefixSyntaxError';
}

/** A partition key the prefix names was not produced for the record. */
export class PrefixEvaluationError extends Error {
  override name = 'PrefixEvaluationError';
}

/** Where evaluated expressions get their values; `randomString` is called once per occurrence. */
export interface PrefixValues {
  timestampMs: number;
  partitionKeys?: Readonly<Record<string, string>>;
  errorOutputType?: string;
  randomString: () => string;
}

/** Error types Firehose writes under ErrorOutputPrefix; this emulator produces only `partitioning-failed`. */
export type ErrorOutputType = 'partitioning-failed';

/** Firehose caps an evaluated prefix at 512 characters (the raw field may be up to 1,024). */
export const MAX_EVALUATED_PREFIX_LENGTH = 512;

/** The time layout Firehose adds when a prefix has no expression of its own: `yyyy/MM/dd/HH/`, in UTC. */
export const DEFAULT_TIME_PATTERN = 'yyyy/MM/dd/HH/';

export function parsePrefix(raw: string): ParsedPrefix {
  const segments: PrefixSegment[] = [];
  let index = 0;
  while (index < raw.length) {
    const open = raw.indexOf('!{', index);
    if (open < 0) {
      segments.push({ kind: 'literal', text: raw.slice(index) });
      break;
    }
    if (open > index) segments.push({ kind: 'literal', text: raw.slice(index, open) });
    const close = raw.indexOf('}', open);
    if (close < 0) throw new PrefixSyntaxError(`"${raw}": the sequence "!{" can only appear in !{namespace:value} expressions`);
    segments.push(parseExpression(raw, raw.slice(open + 2, close)));
    index = close + 1;
  }
  return { raw, segments };
}

function parseExpression(raw: string, body: string): PrefixSegment {
  const colon = body.indexOf(':');
  const namespace = colon < 0 ? body : body.slice(0, colon);
  const value = colon < 0 ? '' : body.slice(colon + 1);
  const invalid = (why: string): PrefixSyntaxError => new PrefixSyntaxError(`"${raw}": !{${body}} ${why}`);
  switch (namespace) {
    case 'timestamp':
      if (!value) throw invalid('needs a Java DateTimeFormatter pattern, e.g. !{timestamp:yyyy/MM/dd}');
      try {
        return { kind: 'timestamp', pattern: value, format: compileTimestampPattern(value) };
      } catch (error) {
        if (error instanceof TimestampPatternError) throw invalid(`has an invalid pattern: ${error.message}`);
        throw error;
      }
    case 'firehose':
      if (value === 'random-string') return { kind: 'random-string' };
      if (value === 'error-output-type') return { kind: 'error-output-type' };
      throw invalid('is not a firehose expression (random-string or error-output-type)');
    case 'partitionKeyFromQuery':
    case 'partitionKeyFromLambda':
      if (!value) throw invalid('needs a partition key name');
      return { kind: 'partition-key', source: namespace === 'partitionKeyFromQuery' ? 'query' : 'lambda', key: value };
    default:
      throw invalid('has an unknown namespace (timestamp, firehose, partitionKeyFromQuery or partitionKeyFromLambda)');
  }
}

export function hasExpressions(prefix: ParsedPrefix): boolean {
  return prefix.segments.some((segment) => segment.kind !== 'literal');
}

export function partitionKeysOf(prefix: ParsedPrefix, source?: 'query' | 'lambda'): string[] {
  return prefix.segments.flatMap((segment) =>
    segment.kind === 'partition-key' && (source === undefined || segment.source === source) ? [segment.key] : [],
  );
}

export function has(prefix: ParsedPrefix, kind: PrefixSegment['kind']): boolean {
  return prefix.segments.some((segment) => segment.kind === kind);
}

/**
 * Every `!{timestamp}` in one prefix evaluates to the same instant; each `!{firehose:random-string}` is drawn anew.
 * Firehose never adds a slash between segments: a trailing `/` in the configuration is the only separator.
 */
export function evaluatePrefix(prefix: ParsedPrefix, values: PrefixValues): string {
  return prefix.segments.map((segment) => evaluateSegment(segment, values)).join('');
}

function evaluateSegment(segment: PrefixSegment, values: PrefixValues): string {
  switch (segment.kind) {
    case 'literal':
      return segment.text;
    case 'timestamp':
      return segment.format(values.timestampMs);
    case 'random-string':
      return values.randomString();
    case 'error-output-type':
      if (values.errorOutputType === undefined) throw new PrefixEvaluationError('!{firehose:error-output-type} outside an error prefix');
      return values.errorOutputType;
    case 'partition-key': {
      const value = values.partitionKeys?.[segment.key];
      if (value === undefined) throw new PrefixEvaluationError(`partition key "${segment.key}" was not extracted from the record`);
      return value;
    }
  }
}

const defaultTime = (): PrefixSegment => ({ kind: 'timestamp', pattern: DEFAULT_TIME_PATTERN, format: compileTimestampPattern(DEFAULT_TIME_PATTERN) });

/**
 * The layout of delivered objects. A prefix with any expression is used as written. A static one gets the time
 * appended with no slash inserted (`logs` → `logs2026/07/13/14/`), and an empty one is only the time: that is
 * what real AWS keys show, although the developer guide's example table inserts a slash.
 */
export function deliveryLayout(rawPrefix: string | undefined): ParsedPrefix {
  const prefix = parsePrefix(rawPrefix ?? '');
  return hasExpressions(prefix) ? prefix : { raw: prefix.raw, segments: [...prefix.segments, defaultTime()] };
}

/**
 * The layout of error objects. An ErrorOutputPrefix with expressions is used as written. Otherwise the base is the
 * static ErrorOutputPrefix, or the static Prefix when it is absent, followed by `<error-output-type>/yyyy/MM/dd/HH/`
 * (real keys such as `retries/processing-failed/2025/03/04/11/` show the slash after the type).
 */
export function errorLayout(rawErrorOutputPrefix: string | undefined, rawPrefix: string | undefined): ParsedPrefix {
  const errorPrefix = parsePrefix(rawErrorOutputPrefix ?? '');
  if (hasExpressions(errorPrefix)) return errorPrefix;
  const base = errorPrefix.raw || (rawPrefix ?? '');
  const segments: PrefixSegment[] = [{ kind: 'literal', text: base }, { kind: 'error-output-type' }, { kind: 'literal', text: '/' }, defaultTime()];
  return { raw: errorPrefix.raw, segments };
}
