// Builds DuckDB tables shaped like Glue tables (columns + partition keys) from downloaded JSON-lines objects.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GlueTableDefinition } from './catalog';
import { duckDbTypeOf } from './hive-types';
import type { PartitionFiles } from './lake-objects';

export class UnsupportedTableError extends Error {
  override name = 'UnsupportedTableError';
}

/** The JSON SerDes Athena reads these tables with; both map one JSON object per line onto the columns. */
const JSON_SERDES = new Set(['org.openx.data.jsonserde.JsonSerDe', 'org.apache.hive.hcatalog.data.JsonSerDe']);

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** The OpenX SerDe's `mapping.<column>` names the JSON key a column reads; otherwise the key is the column name. */
export function jsonKeyOf(table: GlueTableDefinition, column: string): string {
  return table.serdeParameters[`mapping.${column}`] ?? column;
}

export function createTableSql(table: GlueTableDefinition): string {
  const columns = [...table.columns, ...table.partitionKeys].map((column) => `${quoteIdentifier(column.name)} ${duckDbTypeOf(column.type)}`);
  return `CREATE TABLE ${quoteIdentifier(table.name)} (${columns.join(', ')})`;
}

/**
 * One INSERT per partition: DuckDB reads the files with the Glue types (a value of the wrong type becomes NULL),
 * and the partition values come from the object's key, as in Athena. `ignore.malformed.json` = true turns a
 * malformed line into a row of NULLs (as the OpenX SerDe does); without it, one malformed line fails the query.
 */
export function insertPartitionSql(table: GlueTableDefinition, partition: PartitionFiles): string {
  const keys = [...new Set(table.columns.map((column) => jsonKeyOf(table, column.name)))];
  const typeOfKey = new Map(table.columns.map((column) => [jsonKeyOf(table, column.name), duckDbTypeOf(column.type)]));
  const columnSpec = keys.map((key) => `${quoteLiteral(key)}: ${quoteLiteral(typeOfKey.get(key)!)}`).join(', ');
  const selected = [
    ...table.columns.map((column) => quoteIdentifier(jsonKeyOf(table, column.name))),
    ...table.partitionKeys.map((key) => `CAST(${quoteLiteral(partition.values[key.name] ?? '')} AS ${duckDbTypeOf(key.type)})`),
  ];
  const ignoreMalformed = table.serdeParameters['ignore.malformed.json'] === 'true';
  const files = `[${partition.files.map(quoteLiteral).join(', ')}]`;
  return (
    `INSERT INTO ${quoteIdentifier(table.name)} SELECT ${selected.join(', ')} ` +
    `FROM read_json(${files}, format = 'newline_delimited', columns = {${columnSpec}}, ignore_errors = ${ignoreMalformed})`
  );
}

export async function loadTable(connection: DuckDBConnection, table: GlueTableDefinition, partitions: readonly PartitionFiles[]): Promise<void> {
  if (!JSON_SERDES.has(table.serdeLibrary)) throw new UnsupportedTableError(`${table.name}: SerDe ${table.serdeLibrary} has no local reader (JSON SerDes only)`);
  await connection.run(createTableSql(table));
  for (const partition of partitions) await connection.run(insertPartitionSql(table, partition));
}
