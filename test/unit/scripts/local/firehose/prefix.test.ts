// Prefix expressions and timestamp patterns: parsing, evaluation, and the layouts Firehose applies by default.
import {
  deliveryLayout,
  errorLayout,
  evaluatePrefix,
  parsePrefix,
  PrefixEvaluationError,
  PrefixSyntaxError,
  type PrefixValues,
} from '../../../../../scripts/local/firehose/prefix';
import { compileTimestampPattern, TimestampPatternError } from '../../../../../scripts/local/firehose/timestamp-format';

/** 2018-08-27T10:30:05.250Z, the developer guide's example instant (plus seconds), a Monday and day 239. */
const at = Date.UTC(2018, 7, 27, 10, 30, 5, 250);

function values(overrides: Partial<PrefixValues> = {}): PrefixValues {
  let draws = 0;
  return { timestampMs: at, randomString: () => `random${(draws += 1)}xxxx`.slice(0, 11), ...overrides };
}

describe('compileTimestampPattern', () => {
  it.each([
    ['yyyy/MM/dd/HH/', '2018/08/27/10/'],
    ['yyyy-MM-dd-HH-mm-ss', '2018-08-27-10-30-05'],
    ["'year='yyyy'/month='MM", 'year=2018/month=08'],
    ['yy', '18'],
    ['uuuu', '2018'],
    ['M/d/H', '8/27/10'],
    ['DDD', '239'],
    ["yyyy''MM", "2018'08"],
    ["'it''s' HH", "it's 10"],
  ])('%s → %s', (pattern, expected) => {
    expect(compileTimestampPattern(pattern)(at)).toBe(expected);
  });

  it('formats in UTC whatever the local time zone', () => {
    expect(compileTimestampPattern('HH')(Date.UTC(2026, 0, 1, 23, 59, 59))).toBe('23');
  });

  it.each([
    ['yyyy-MMM', '"MMM"'],
    ['EEE', 'letter "E"'],
    ['hh', 'letter "h"'],
    ["'open", 'unclosed quote'],
    ['yyyy[MM]', 'reserved'],
  ])('refuses %s', (pattern, reason) => {
    expect(() => compileTimestampPattern(pattern)).toThrow(TimestampPatternError);
    expect(() => compileTimestampPattern(pattern)).toThrow(reason);
  });
});

describe('parsePrefix + evaluatePrefix', () => {
  it('evaluates every namespace', () => {
    const prefix = parsePrefix('t=!{timestamp:yyyy}/k=!{partitionKeyFromQuery:customer}/r=!{firehose:random-string}/e=!{firehose:error-output-type}/');
    const evaluated = evaluatePrefix(prefix, values({ partitionKeys: { customer: 'c-42' }, errorOutputType: 'partitioning-failed' }));
    expect(evaluated).toBe('t=2018/k=c-42/r=random1xxxx/e=partitioning-failed/');
  });

  it('evaluates every timestamp to the same instant and draws a new random string for each occurrence', () => {
    const prefix = parsePrefix('!{timestamp:HH}-!{firehose:random-string}-!{timestamp:mm}-!{firehose:random-string}');
    expect(evaluatePrefix(prefix, values())).toBe('10-random1xxxx-30-random2xxxx');
  });

  it('matches the developer guide examples', () => {
    const prefix = parsePrefix('myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/');
    expect(evaluatePrefix(prefix, values())).toBe('myPrefix/year=2018/month=08/day=27/hour=10/');
    const error = parsePrefix("myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/!{firehose:error-output-type}");
    expect(evaluatePrefix(error, values({ errorOutputType: 'partitioning-failed' }))).toBe('myErrorPrefix/year=2018/month=08/day=27/hour=10/partitioning-failed');
  });

  it('fails evaluation when a partition key was not extracted', () => {
    expect(() => evaluatePrefix(parsePrefix('!{partitionKeyFromQuery:missing}/'), values({ partitionKeys: {} }))).toThrow(PrefixEvaluationError);
  });

  it.each([
    ['logs/!{timestamp:yyyy', '"!{" can only appear'],
    ['!{unknown:x}', 'unknown namespace'],
    ['!{firehose:something}', 'not a firehose expression'],
    ['!{timestamp:}', 'needs a Java DateTimeFormatter pattern'],
    ['!{timestamp:yyyy-EEE}', 'letter "E"'],
    ['!{partitionKeyFromQuery:}', 'needs a partition key name'],
  ])('refuses %s', (raw, reason) => {
    expect(() => parsePrefix(raw)).toThrow(PrefixSyntaxError);
    expect(() => parsePrefix(raw)).toThrow(reason);
  });
});

describe('deliveryLayout', () => {
  it('is only the UTC hour layout when Prefix is empty or absent', () => {
    expect(evaluatePrefix(deliveryLayout(undefined), values())).toBe('2018/08/27/10/');
    expect(evaluatePrefix(deliveryLayout(''), values())).toBe('2018/08/27/10/');
  });

  it('appends the hour layout to a static prefix without inserting a slash', () => {
    expect(evaluatePrefix(deliveryLayout('logs/'), values())).toBe('logs/2018/08/27/10/');
    expect(evaluatePrefix(deliveryLayout('logs'), values())).toBe('logs2018/08/27/10/');
  });

  it('adds nothing to a prefix with any expression, even without a timestamp', () => {
    expect(evaluatePrefix(deliveryLayout('r=!{firehose:random-string}/'), values())).toBe('r=random1xxxx/');
  });
});

describe('errorLayout', () => {
  const failed = values({ errorOutputType: 'partitioning-failed' });

  it('uses an ErrorOutputPrefix with expressions as written', () => {
    expect(evaluatePrefix(errorLayout('errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/', 'x/'), failed)).toBe('errors/partitioning-failed/2018/08/27/');
  });

  it('puts the type and the hour layout after a static ErrorOutputPrefix', () => {
    expect(evaluatePrefix(errorLayout('retries/', undefined), failed)).toBe('retries/partitioning-failed/2018/08/27/10/');
  });

  it('falls back to the static Prefix when ErrorOutputPrefix is absent', () => {
    expect(evaluatePrefix(errorLayout(undefined, 'logs/'), failed)).toBe('logs/partitioning-failed/2018/08/27/10/');
    expect(evaluatePrefix(errorLayout(undefined, undefined), failed)).toBe('partitioning-failed/2018/08/27/10/');
  });
});
