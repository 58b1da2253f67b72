// The few rewrites that make the project's Athena (Trino) named queries run on DuckDB, and a refusal for anything else.

/**
 * Why each difference is handled, and how (the whole translation; anything outside it is refused):
 * 1. `date_format(x, '<MySQL-style format>')` → `strftime(x, '<strftime format>')`: Trino formats with MySQL
 *    specifiers (`%i` is minutes), DuckDB with C strftime (`%M` is minutes). The format must be a literal.
 * 2. `current_date` → `DATE '<day>'` when a day is pinned (`--date`), so "last 7 days" is reproducible. Unpinned,
 *    it stays: both engines then take today's date in the session time zone, UTC in Athena and in sessionSettings.
 * 3. Integer `/` truncates in Trino and gives a double in DuckDB: handled by `SET integer_division = true`.
 * 4. NULL ordering: Trino sorts NULLs last in both directions; so does DuckDB with `default_null_order = 'nulls_last'`.
 * Everything else the queries use (CTEs, DISTINCT, struct field access `page.path`, `interval '7' day`,
 * `CROSS JOIN UNNEST(array) AS t(x)`, CASE, `||`) means the same in both engines. A function call outside
 * SAME_FUNCTIONS, or a construct in REFUSED_SEQUENCES, fails with UntranslatableQueryError rather than risk
 * a quietly different answer.
 */
export const sessionSettings = ["SET TimeZone = 'UTC'", 'SET integer_division = true', "SET default_null_order = 'nulls_last'"];

export class UntranslatableQueryError extends Error {
  override name = 'UntranslatableQueryError';
}

/** Functions with the same name, arguments and result in Trino and DuckDB (as these queries use them). */
const SAME_FUNCTIONS = new Set([
  'abs', 'avg', 'ceil', 'ceiling', 'coalesce', 'concat', 'count', 'floor', 'greatest', 'least', 'length', 'lower',
  'max', 'min', 'nullif', 'replace', 'round', 'sqrt', 'substr', 'substring', 'sum', 'trim', 'upper', 'unnest',
  'row_number', 'rank', 'dense_rank', 'lag', 'lead', 'first_value', 'last_value', 'stddev', 'variance',
]);

/** Words that can precede `(` without being a function call. */
const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'exists', 'as', 'from', 'join', 'on', 'using', 'where', 'select', 'with', 'over', 'filter',
  'values', 'cast', 'try_cast', 'then', 'else', 'when', 'by', 'having', 'union', 'all', 'intersect', 'except', 'is',
  'distinct', 'any', 'some', 'lateral', 'case', 'between', 'like', 'limit', 'offset', 'partition', 'order', 'group',
]);

/** Trino syntax DuckDB reads differently or not at all. */
const REFUSED_SEQUENCES: ReadonlyArray<{ words: string[]; why: string }> = [
  { words: ['at', 'time', 'zone'], why: 'AT TIME ZONE converts differently in DuckDB' },
  { words: ['tablesample'], why: 'TABLESAMPLE methods differ' },
];

/** MySQL-style specifiers of Trino's date_format → DuckDB strftime. */
const FORMAT_SPECIFIERS: Record<string, string> = {
  Y: '%Y', y: '%y', m: '%m', c: '%-m', d: '%d', e: '%-d', H: '%H', k: '%-H', I: '%I', h: '%I', i: '%M',
  s: '%S', S: '%S', f: '%f', p: '%p', T: '%H:%M:%S', j: '%j', a: '%a', b: '%b', M: '%B', W: '%A', '%': '%%',
};

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'symbol' | 'space' | 'comment';

export interface Token {
  kind: TokenKind;
  text: string;
}

const TOKEN_PATTERNS: ReadonlyArray<[TokenKind, RegExp]> = [
  ['space', /^\s+/],
  ['comment', /^(--[^\n]*|\/\*[\s\S]*?\*\/)/],
  ['string', /^'(?:[^']|'')*'/],
  ['quoted', /^"(?:[^"]|"")*"/],
  ['number', /^\d+(\.\d+)?([eE][+-]?\d+)?/],
  ['word', /^[A-Za-z_][A-Za-z0-9_]*/],
  ['symbol', /^(\|\||<>|!=|<=|>=|->|=>|::|.)/],
];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let rest = sql;
  while (rest.length > 0) {
    const found = TOKEN_PATTERNS.map(([kind, pattern]) => ({ kind, match: pattern.exec(rest) })).find(({ match }) => match !== null);
    if (!found?.match) throw new UntranslatableQueryError(`Cannot read the query near: ${rest.slice(0, 30)}`);
    if (found.kind === 'string' && !found.match[0].endsWith("'")) throw new UntranslatableQueryError('Unterminated string literal');
    tokens.push({ kind: found.kind, text: found.match[0] });
    rest = rest.slice(found.match[0].length);
  }
  return tokens;
}

export interface TranslateOptions {
  /** `YYYY-MM-DD`: pins current_date. */
  currentDate?: string;
}

export interface Translation {
  sql: string;
  /** One line per rewrite applied, for the reader of `npm run athena -- --explain`-style output and tests. */
  rewrites: string[];
}

export function translateTrinoToDuckDb(trinoSql: string, options: TranslateOptions = {}): Translation {
  if (options.currentDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.currentDate)) {
    throw new UntranslatableQueryError(`current date "${options.currentDate}" is not YYYY-MM-DD`);
  }
  const tokens = tokenize(trinoSql);
  const rewrites: string[] = [];
  refuseSequences(tokens);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind !== 'word') continue;
    const name = token.text.toLowerCase();
    if (name === 'current_date' && options.currentDate !== undefined) {
      tokens[index] = { kind: 'string', text: `DATE '${options.currentDate}'` };
      rewrites.push(`current_date → DATE '${options.currentDate}'`);
      continue;
    }
    if (!isFunctionCall(tokens, index)) continue;
    if (name === 'date_format') {
      rewrites.push(rewriteDateFormat(tokens, index));
      continue;
    }
    if (!SAME_FUNCTIONS.has(name)) {
      throw new UntranslatableQueryError(`${token.text}() has no checked DuckDB equivalent; add it to scripts/athena/trino-to-duckdb.ts with a test`);
    }
  }
  return { sql: tokens.map((token) => token.text).join(''), rewrites };
}

function nextSignificant(tokens: readonly Token[], from: number): number {
  let index = from;
  while (index < tokens.length && (tokens[index]!.kind === 'space' || tokens[index]!.kind === 'comment')) index++;
  return index;
}

function previousSignificant(tokens: readonly Token[], from: number): Token | undefined {
  for (let index = from; index >= 0; index--) {
    const token = tokens[index]!;
    if (token.kind !== 'space' && token.kind !== 'comment') return token;
  }
  return undefined;
}

/** A word followed by `(` that is not a keyword, a type in CAST(... AS type(...)) or an alias's column list. */
function isFunctionCall(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]!;
  if (tokens[nextSignificant(tokens, index + 1)]?.text !== '(') return false;
  if (KEYWORDS.has(token.text.toLowerCase())) return false;
  const previous = previousSignificant(tokens, index - 1);
  return !(previous?.kind === 'word' && previous.text.toLowerCase() === 'as');
}

function refuseSequences(tokens: readonly Token[]): void {
  const words = tokens.filter((token) => token.kind === 'word').map((token) => token.text.toLowerCase());
  for (const { words: sequence, why } of REFUSED_SEQUENCES) {
    for (let index = 0; index + sequence.length <= words.length; index++) {
      if (sequence.every((word, offset) => words[index + offset] === word)) throw new UntranslatableQueryError(`${sequence.join(' ').toUpperCase()}: ${why}`);
    }
  }
  if (tokens.some((token) => token.text === '->')) throw new UntranslatableQueryError('lambda expressions (x -> ...) have no DuckDB translation here');
}

/** Renames the call and translates its second argument, which must be a string literal. */
function rewriteDateFormat(tokens: Token[], index: number): string {
  const open = nextSignificant(tokens, index + 1);
  let depth = 0;
  let commaAt = -1;
  for (let cursor = open; cursor < tokens.length; cursor++) {
    const text = tokens[cursor]!.text;
    if (text === '(') depth++;
    if (text === ')') depth--;
    if (depth === 1 && text === ',' && commaAt < 0) commaAt = cursor;
    if (depth === 0) break;
  }
  const formatAt = nextSignificant(tokens, commaAt + 1);
  const format = tokens[formatAt];
  const afterFormat = tokens[nextSignificant(tokens, formatAt + 1)];
  if (commaAt < 0 || format?.kind !== 'string' || afterFormat?.text !== ')') {
    throw new UntranslatableQueryError('date_format() needs a string literal as its format to be translated');
  }
  const translated = `'${mysqlFormatToStrftime(format.text.slice(1, -1).replaceAll("''", "'")).replaceAll("'", "''")}'`;
  tokens[index] = { kind: 'word', text: 'strftime' };
  tokens[formatAt] = { kind: 'string', text: translated };
  return `date_format(…, ${format.text}) → strftime(…, ${translated})`;
}

export function mysqlFormatToStrftime(format: string): string {
  let result = '';
  for (let index = 0; index < format.length; index++) {
    const char = format[index]!;
    if (char !== '%') {
      result += char;
      continue;
    }
    const specifier = format[index + 1];
    const translated = specifier === undefined ? undefined : FORMAT_SPECIFIERS[specifier];
    if (translated === undefined) throw new UntranslatableQueryError(`date_format specifier %${specifier ?? ''} has no strftime translation here`);
    result += translated;
    index++;
  }
  return result;
}
