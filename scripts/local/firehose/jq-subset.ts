// The jq 1.6 subset a MetadataExtractionQuery may use locally: {key: path, ...} over fields, indexes and slices.

/**
 * Firehose runs real jq 1.6. Locally only the shapes partition keys are usually built from are evaluated; anything
 * else is refused when the stream is created, naming the construct, so a query never silently means something else.
 */
export type JqStep =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number };

export interface JqPath {
  /** The path as written, e.g. `.occurredAt[0:10]`. */
  text: string;
  steps: JqStep[];
}

export interface JqObjectQuery {
  text: string;
  entries: Array<{ key: string; path: JqPath }>;
}

/** The query uses jq that this subset does not evaluate, or is not jq at all. */
export class JqSyntaxError extends Error {
  override name = 'JqSyntaxError';
}

/** jq itself would fail on this input, e.g. `.a` on a number ("Cannot index number with \"a\""). */
export class JqRuntimeError extends Error {
  override name = 'JqRuntimeError';
}

const SUPPORTED = 'supported: object construction {key: path, ...}, paths .a.b and ."quoted key", indexes .a[0] and slices .a[0:10]';

export function parseJqObjectQuery(text: string): JqObjectQuery {
  return new JqParser(text).parseQuery();
}

export function evaluateJqObjectQuery(query: JqObjectQuery, input: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const { key, path } of query.entries) result[key] = evaluateJqPath(path, input);
  return result;
}

export function evaluateJqPath(path: JqPath, input: unknown): unknown {
  return path.steps.reduce<unknown>((value, step) => applyStep(value, step), input);
}

function applyStep(value: unknown, step: JqStep): unknown {
  if (value === null || value === undefined) return null;
  switch (step.kind) {
    case 'field':
      if (isJsonObject(value)) return Object.hasOwn(value, step.name) ? value[step.name] : null;
      throw new JqRuntimeError(`Cannot index ${jqType(value)} with "${step.name}"`);
    case 'index':
      if (Array.isArray(value)) return (value as unknown[]).at(step.index) ?? null;
      throw new JqRuntimeError(`Cannot index ${jqType(value)} with number`);
    case 'slice':
      if (Array.isArray(value)) return sliceOf(value as unknown[], step);
      // jq 1.6 slices strings by code point, not by UTF-16 unit.
      if (typeof value === 'string') return sliceOf(Array.from(value), step).join('');
      throw new JqRuntimeError(`Cannot index ${jqType(value)} with object`);
  }
}

/** jq's bounds: negative counts from the end, both ends clamp to the length, an inverted range is empty. */
function sliceOf<T>(items: T[], { start, end }: { start?: number; end?: number }): T[] {
  const length = items.length;
  const clamp = (bound: number): number => Math.min(length, Math.max(0, bound < 0 ? bound + length : bound));
  const from = clamp(start ?? 0);
  const to = Math.max(from, clamp(end ?? length));
  return items.slice(from, to);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jqType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
const WHITESPACE = /[ \t\r\n]/;

/** A hand-written recursive-descent parser; positions in messages are 1-based columns of the query text. */
class JqParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseQuery(): JqObjectQuery {
    this.skipWhitespace();
    if (this.peek() !== '{') throw this.unsupported('the query must be an object construction {key: path, ...}');
    this.position += 1;
    const entries = this.parseEntries();
    this.skipWhitespace();
    if (!this.atEnd()) throw this.unsupported(`${describeConstruct(this.rest())} after the object`);
    return { text: this.text, entries };
  }

  private parseEntries(): JqObjectQuery['entries'] {
    const entries: JqObjectQuery['entries'] = [];
    this.skipWhitespace();
    if (this.consume('}')) return entries;
    for (;;) {
      entries.push(this.parseEntry());
      this.skipWhitespace();
      if (this.consume('}')) return entries;
      if (!this.consume(',')) throw this.unsupported(this.atEnd() ? 'an unclosed object' : describeConstruct(this.rest()));
      this.skipWhitespace();
    }
  }

  private parseEntry(): JqObjectQuery['entries'][number] {
    const start = this.position;
    const identifier = IDENTIFIER_START.test(this.peek()) ? this.parseIdentifier() : undefined;
    const key = identifier ?? (this.peek() === '"' ? this.parseString() : undefined);
    if (key === undefined) throw this.unsupported(`${describeConstruct(this.rest())} as an object key`);
    this.skipWhitespace();
    if (this.consume(':')) {
      this.skipWhitespace();
      return { key, path: this.parsePath() };
    }
    // `{foo}` is jq shorthand for `{foo: .foo}`.
    if (identifier !== undefined && (this.peek() === ',' || this.peek() === '}')) {
      return { key, path: { text: `.${identifier}`, steps: [{ kind: 'field', name: identifier }] } };
    }
    this.position = start;
    throw this.unsupported(`the object entry ${JSON.stringify(this.rest().slice(0, 40))}`);
  }

  private parsePath(): JqPath {
    const start = this.position;
    if (!this.consume('.')) throw this.unsupported(`${describeConstruct(this.rest())} as a value (only paths starting with "." are evaluated)`);
    if (this.peek() === '.') throw this.unsupported('recursive descent ".."');
    const steps: JqStep[] = [];
    const first = this.parseFieldAfterDot();
    if (first) steps.push(first);
    for (;;) {
      if (this.peek() === '[') {
        steps.push(this.parseBracket());
      } else if (this.peek() === '.') {
        this.position += 1;
        const field = this.parseFieldAfterDot();
        if (!field) throw this.unsupported(this.peek() === '[' ? '".[" after a path (jq 1.7 syntax, not 1.6)' : 'a "." that starts no field');
        steps.push(field);
      } else {
        return { text: this.text.slice(start, this.position), steps };
      }
    }
  }

  private parseFieldAfterDot(): JqStep | undefined {
    if (IDENTIFIER_START.test(this.peek())) return { kind: 'field', name: this.parseIdentifier() };
    if (this.peek() === '"') return { kind: 'field', name: this.parseString() };
    return undefined;
  }

  private parseBracket(): JqStep {
    this.position += 1;
    this.skipWhitespace();
    if (this.peek() === ']') throw this.unsupported('the iterator "[]"');
    if (this.peek() === '"') {
      const name = this.parseString();
      return this.closeBracket({ kind: 'field', name });
    }
    const start = this.parseOptionalInteger();
    this.skipWhitespace();
    if (this.consume(':')) {
      this.skipWhitespace();
      const end = this.parseOptionalInteger();
      if (start === undefined && end === undefined) throw this.unsupported('a slice without bounds "[:]"');
      return this.closeBracket({ kind: 'slice', start, end });
    }
    if (start === undefined) throw this.unsupported(`${describeConstruct(this.rest())} inside "[...]"`);
    return this.closeBracket({ kind: 'index', index: start });
  }

  private closeBracket(step: JqStep): JqStep {
    this.skipWhitespace();
    if (!this.consume(']')) throw this.unsupported(`${describeConstruct(this.rest())} inside "[...]"`);
    return step;
  }

  private parseOptionalInteger(): number | undefined {
    const match = /^-?[0-9]+/.exec(this.rest());
    if (!match) return undefined;
    this.position += match[0].length;
    if (this.peek() === '.' || this.peek() === 'e' || this.peek() === 'E') throw this.unsupported('a non-integer number');
    return Number(match[0]);
  }

  private parseIdentifier(): string {
    const start = this.position;
    while (IDENTIFIER_PART.test(this.peek())) this.position += 1;
    return this.text.slice(start, this.position);
  }

  /** A jq string literal: JSON escapes are fine, `\(...)` interpolation is not. */
  private parseString(): string {
    const start = this.position;
    this.position += 1;
    for (;;) {
      const char = this.peek();
      if (char === '') throw this.unsupported('an unterminated string');
      if (char === '"') break;
      if (char === '\\') {
        if (this.text[this.position + 1] === '(') throw this.unsupported('string interpolation "\\(...)"');
        this.position += 1;
      }
      this.position += 1;
    }
    this.position += 1;
    const literal = this.text.slice(start, this.position);
    try {
      return JSON.parse(literal) as string;
    } catch {
      this.position = start;
      throw this.unsupported(`the string ${literal}`);
    }
  }

  private skipWhitespace(): void {
    while (WHITESPACE.test(this.peek())) this.position += 1;
  }

  private consume(char: string): boolean {
    if (this.peek() !== char) return false;
    this.position += 1;
    return true;
  }

  private peek(): string {
    return this.text[this.position] ?? '';
  }

  private rest(): string {
    return this.text.slice(this.position);
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private unsupported(what: string): JqSyntaxError {
    return new JqSyntaxError(`jq query ${JSON.stringify(this.text)}: unsupported ${what} at column ${this.position + 1} (${SUPPORTED})`);
  }
}

/** Names what the reader wrote, so the error says "pipe" rather than only pointing at a character. */
function describeConstruct(rest: string): string {
  const snippet = JSON.stringify(rest.slice(0, 30));
  const first = rest[0] ?? '';
  const names: Record<string, string> = {
    '|': 'pipe',
    '(': 'parenthesised expression',
    $: 'variable',
    '@': 'format string',
    '?': 'optional operator',
    '[': 'array construction',
    '{': 'nested object construction',
    '=': 'assignment or comparison',
    '<': 'comparison',
    '>': 'comparison',
    '!': 'comparison',
    '+': 'arithmetic',
    '-': 'arithmetic',
    '*': 'arithmetic',
    '/': 'arithmetic',
    '%': 'arithmetic',
    ',': 'comma (multiple outputs)',
    '#': 'comment',
  };
  if (first === '') return 'end of query';
  const name = names[first] ?? (IDENTIFIER_START.test(first) ? `function or keyword "${/^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0]}"` : 'syntax');
  return `${name} ${snippet}`;
}
