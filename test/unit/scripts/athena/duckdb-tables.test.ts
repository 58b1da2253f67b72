import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { loadTable, UnsupportedTableError } from '../../../../scripts/athena/duckdb-tables';
import { queryValue } from '../../../../scripts/athena/query-values';
import { clickstreamTable } from './fixtures';

describe('loadTable', () => {
  let directory: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'athena-tables-'));
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });

  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
    rmSync(directory, { recursive: true, force: true });
  });

  async function rows(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await connection.runAndReadAll(sql);
    const types = reader.columnTypes();
    const names = reader.columnNames();
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(names.map((name, index) => [name, queryValue(row[name] ?? null, types[index]!)])));
  }

  test('maps JSON keys onto Glue columns, adds partition values, and turns a malformed line into NULLs', async () => {
    const file = join(directory, 'a.json');
    writeFileSync(
      file,
      [
        JSON.stringify({ eventId: 'e1', eventType: 'page_view', schemaVersion: 1, page: { url: 'u', path: '/p', title: 'ignored' }, properties: { price: 42.5, ok: true } }),
        '{not json',
        JSON.stringify({ eventId: 'e2', eventType: 'click', schemaVersion: 'one' }),
      ].join('\n'),
    );

    await loadTable(connection, clickstreamTable(), [{ values: { event_date: '2026-03-14', event_hour: '09' }, files: [file] }]);

    expect(await rows('SELECT * FROM clickstream_events ORDER BY event_id NULLS LAST')).toEqual([
      { event_id: 'e1', event_type: 'page_view', page: { url: 'u', path: '/p' }, properties: { price: '42.5', ok: 'true' }, schema_version: 1, event_date: '2026-03-14', event_hour: '09' },
      { event_id: 'e2', event_type: 'click', page: null, properties: null, schema_version: null, event_date: '2026-03-14', event_hour: '09' },
      { event_id: null, event_type: null, page: null, properties: null, schema_version: null, event_date: '2026-03-14', event_hour: '09' },
    ]);
  });

  test('an empty table still exists, so queries over an empty lake return no rows', async () => {
    await loadTable(connection, clickstreamTable(), []);
    expect(await rows('SELECT count(*) AS n FROM clickstream_events')).toEqual([{ n: 0 }]);
  });

  test('refuses SerDes it has no reader for', async () => {
    await expect(loadTable(connection, clickstreamTable({ serdeLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' }), [])).rejects.toThrow(UnsupportedTableError);
  });
});
