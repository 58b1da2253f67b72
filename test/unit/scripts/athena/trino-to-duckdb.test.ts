import { DuckDBInstance } from '@duckdb/node-api';
import { mysqlFormatToStrftime, sessionSettings, translateTrinoToDuckDb, UntranslatableQueryError } from '../../../../scripts/athena/trino-to-duckdb';

describe('translateTrinoToDuckDb', () => {
  test('rewrites date_format to strftime with its MySQL specifiers translated', () => {
    const { sql, rewrites } = translateTrinoToDuckDb("SELECT date_format(ts, '%Y-%m-%d %H:%i:%s') FROM t");
    expect(sql).toBe("SELECT strftime(ts, '%Y-%m-%d %H:%M:%S') FROM t");
    expect(rewrites).toEqual(["date_format(…, '%Y-%m-%d %H:%i:%s') → strftime(…, '%Y-%m-%d %H:%M:%S')"]);
  });

  test('pins current_date only when a day is given', () => {
    const query = "WHERE event_date >= date_format(current_date - interval '7' day, '%Y-%m-%d')";
    expect(translateTrinoToDuckDb(query, { currentDate: '2026-03-15' }).sql).toBe("WHERE event_date >= strftime(DATE '2026-03-15' - interval '7' day, '%Y-%m-%d')");
    expect(translateTrinoToDuckDb(query).sql).toContain('strftime(current_date');
  });

  test('leaves string literals, comments and functions both engines share untouched', () => {
    const query = "-- date_format(x, '%D') in a comment\nSELECT 'date_format(' AS text, count(DISTINCT a), round(100.0 * sum(b) / nullif(count(*), 0), 2) FROM t CROSS JOIN UNNEST(tags) AS u(tag)";
    expect(translateTrinoToDuckDb(query)).toEqual({ sql: query, rewrites: [] });
  });

  test.each([
    ["SELECT from_iso8601_timestamp(occurred_at) FROM t", /from_iso8601_timestamp\(\) has no checked DuckDB equivalent/],
    ["SELECT date_format(ts, fmt) FROM t", /needs a string literal/],
    ["SELECT date_format(ts, '%D') FROM t", /%D has no strftime translation/],
    ["SELECT ts AT TIME ZONE 'UTC' FROM t", /AT TIME ZONE/],
    ['SELECT transform(xs, x -> x + 1) FROM t', /lambda expressions/],
  ])('refuses what it cannot translate faithfully: %s', (query, message) => {
    expect(() => translateTrinoToDuckDb(query)).toThrow(UntranslatableQueryError);
    expect(() => translateTrinoToDuckDb(query)).toThrow(message);
  });

  test('refuses a malformed pinned date', () => {
    expect(() => translateTrinoToDuckDb('SELECT current_date', { currentDate: '15/03/2026' })).toThrow(UntranslatableQueryError);
  });

  test('translates every MySQL specifier it lists and keeps literal text', () => {
    expect(mysqlFormatToStrftime('%Y/%c/%e %k:%i:%S.%f %p %%')).toBe('%Y/%-m/%-d %-H:%M:%S.%f %p %%');
  });
});

describe('the DuckDB session', () => {
  test('divides integers like Trino, sorts NULLs last and formats the pinned date like Athena', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const setting of sessionSettings) await connection.run(setting);
      const { sql } = translateTrinoToDuckDb(
        "SELECT 7 / 2 AS quotient, date_format(current_date - interval '7' day, '%Y-%m-%d') AS since FROM (VALUES (1)) AS t(x)",
        { currentDate: '2026-03-01' },
      );
      const reader = await connection.runAndReadAll(sql);
      expect(reader.getRowObjectsJS()).toEqual([{ quotient: 3, since: '2026-02-22' }]);
      const ordered = await connection.runAndReadAll('SELECT x FROM (VALUES (2), (NULL), (1)) AS t(x) ORDER BY x DESC');
      expect(ordered.getRowObjectsJS().map((row) => row.x)).toEqual([2, 1, null]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
