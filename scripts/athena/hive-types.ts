// Glue/Hive column types (what Athena reads JSON into) as DuckDB types, for the local tables.

export class HiveTypeError extends Error {
  override name = 'HiveTypeError';
}

const PRIMITIVES: Record<string, string> = {
  string: 'VARCHAR',
  varchar: 'VARCHAR',
  char: 'VARCHAR',
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  binary: 'BLOB',
};

class TypeParser {
  private index = 0;

  constructor(private readonly source: string) {}

  parseAll(): string {
    const type = this.parseType();
    this.skipSpaces();
    if (this.index !== this.source.length) throw this.error('unexpected text after the type');
    return type;
  }

  private parseType(): string {
    const name = this.word().toLowerCase();
    switch (name) {
      case 'array': {
        this.expect('<');
        const element = this.parseType();
        this.expect('>');
        return `${element}[]`;
      }
      case 'map': {
        this.expect('<');
        const key = this.parseType();
        this.expect(',');
        const value = this.parseType();
        this.expect('>');
        return `MAP(${key}, ${value})`;
      }
      case 'struct':
        return this.parseStruct();
      case 'decimal': {
        const [precision = '10', scale = '0'] = this.optionalArguments();
        return `DECIMAL(${precision}, ${scale})`;
      }
      default: {
        const primitive = PRIMITIVES[name];
        if (!primitive) throw this.error(`"${name}" is not a Hive type this reader knows`);
        if (name === 'varchar' || name === 'char') this.optionalArguments();
        return primitive;
      }
    }
  }

  private parseStruct(): string {
    this.expect('<');
    const fields: string[] = [];
    do {
      const field = this.word();
      this.expect(':');
      fields.push(`"${field.replaceAll('"', '""')}" ${this.parseType()}`);
    } while (this.accept(','));
    this.expect('>');
    return `STRUCT(${fields.join(', ')})`;
  }

  private optionalArguments(): string[] {
    if (!this.accept('(')) return [];
    const values: string[] = [];
    do values.push(this.word());
    while (this.accept(','));
    this.expect(')');
    return values;
  }

  private word(): string {
    this.skipSpaces();
    const match = /^[A-Za-z0-9_]+/.exec(this.source.slice(this.index));
    if (!match) throw this.error('expected a name');
    this.index += match[0].length;
    return match[0];
  }

  private accept(symbol: string): boolean {
    this.skipSpaces();
    if (this.source[this.index] !== symbol) return false;
    this.index += 1;
    return true;
  }

  private expect(symbol: string): void {
    if (!this.accept(symbol)) throw this.error(`expected "${symbol}"`);
  }

  private skipSpaces(): void {
    while (this.source[this.index] === ' ') this.index += 1;
  }

  private error(why: string): HiveTypeError {
    return new HiveTypeError(`Hive type "${this.source}" at ${this.index}: ${why}`);
  }
}

/** `struct<url:string,tags:array<string>>` → `STRUCT("url" VARCHAR, "tags" VARCHAR[])`. */
export function duckDbTypeOf(hiveType: string): string {
  return new TypeParser(hiveType).parseAll();
}
