// The jq subset for MetadataExtractionQuery: what parses, what jq 1.6 returns for it, and what is refused by name.
import fc from 'fast-check';
import {
  evaluateJqObjectQuery,
  JqRuntimeError,
  JqSyntaxError,
  parseJqObjectQuery,
} from '../../../../../scripts/local/firehose/jq-subset';

const evaluate = (query: string, input: unknown): Record<string, unknown> => evaluateJqObjectQuery(parseJqObjectQuery(query), input);

describe('parseJqObjectQuery + evaluateJqObjectQuery', () => {
  it("evaluates the project's clickstream query", () => {
    const query = '{event_date:.occurredAt[0:10],event_hour:.occurredAt[11:13]}';
    expect(evaluate(query, { occurredAt: '2026-07-13T14:05:32.123Z' })).toEqual({ event_date: '2026-07-13', event_hour: '14' });
  });

  it.each([
    ['{a: .x.y}', { x: { y: 'deep' } }, { a: 'deep' }],
    ['{a: ."odd key".y}', { 'odd key': { y: 1 } }, { a: 1 }],
    ['{a: .["odd key"]}', { 'odd key': true }, { a: true }],
    ['{"quoted key": .x}', { x: 'v' }, { 'quoted key': 'v' }],
    ['{x}', { x: 'shorthand' }, { x: 'shorthand' }],
    ['{a: .}', 'whole', { a: 'whole' }],
    ['{a: .[1]}', ['zero', 'one'], { a: 'one' }],
    ['{a: .[-1]}', ['zero', 'one'], { a: 'one' }],
    ['{a: .list[1:]}', { list: [1, 2, 3] }, { a: [2, 3] }],
    ['{a: .s[:2]}', { s: 'abcdef' }, { a: 'ab' }],
    ['{a: .s[-2:]}', { s: 'abcdef' }, { a: 'ef' }],
    ['{a: .s[4:2]}', { s: 'abcdef' }, { a: '' }],
    ['{a: .s[0:99]}', { s: 'abc' }, { a: 'abc' }],
    ['{a: .s[0:2]}', { s: '😀😁x' }, { a: '😀😁' }],
    ['{ a : .x , b : .y }', { x: 1, y: 2 }, { a: 1, b: 2 }],
    ['{}', { x: 1 }, {}],
  ])('%s', (query, input, expected) => {
    expect(evaluate(query, input)).toEqual(expected);
  });

  it('gives null, not an error, for missing fields and for paths through null, like jq', () => {
    expect(evaluate('{a: .missing, b: .missing.deeper, c: .missing[0:2], d: .missing[0]}', {})).toEqual({ a: null, b: null, c: null, d: null });
  });

  it.each([
    ['{a: .x.y}', { x: 5 }, 'Cannot index number with "y"'],
    ['{a: .x[0]}', { x: { k: 1 } }, 'Cannot index object with number'],
    ['{a: .x[0:1]}', { x: 5 }, 'Cannot index number with object'],
    ['{a: .x}', ['array'], 'Cannot index array with "x"'],
  ])('fails like jq does: %s', (query, input, message) => {
    expect(() => evaluate(query, input)).toThrow(new JqRuntimeError(message));
  });

  it.each([
    ['{year: .ts | strftime("%Y")}', 'pipe "| strftime'],
    ['{a: .x?}', 'optional operator'],
    ['{a: .x[]}', 'the iterator "[]"'],
    ['{a: ..}', 'recursive descent'],
    ['{a: $x}', 'variable'],
    ['{a: (.x)}', 'parenthesised expression'],
    ['{a: .x + 1}', 'arithmetic'],
    ['{a: ascii_downcase}', 'function or keyword "ascii_downcase"'],
    ['{a: .x.[0]}', 'jq 1.7 syntax'],
    ['{a: .x[1.5]}', 'non-integer number'],
    ['{a: "\\(.x)"}', 'as a value'],
    ['{"\\(.k)": .x}', 'string interpolation'],
    ['.x', 'object construction'],
    ['{a: .x} | .a', 'pipe'],
    ['{a: .x', 'unclosed object'],
    ['{(.k): .x}', 'parenthesised expression'],
  ])('refuses %s, naming the construct', (query, named) => {
    let error: unknown;
    try {
      parseJqObjectQuery(query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JqSyntaxError);
    expect((error as Error).message).toContain(named);
    expect((error as Error).message).toMatch(/at column \d+/);
  });

  it('slices strings by code point and arrays by element, clamping any bounds like jq', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 12 }), fc.integer({ min: -15, max: 15 }), fc.integer({ min: -15, max: 15 }), (items, start, end) => {
        const result = evaluate(`{a: .[${start}:${end}]}`, items).a as number[];
        const norm = (bound: number): number => Math.min(items.length, Math.max(0, bound < 0 ? bound + items.length : bound));
        expect(result).toEqual(items.slice(norm(start), Math.max(norm(start), norm(end))));
      }),
    );
  });
});
