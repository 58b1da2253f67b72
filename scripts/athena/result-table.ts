// Query results as an aligned text table, the way the Athena console lists them.
import type { QueryRow, QueryValue } from './query-values';

function cell(value: QueryValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Numbers right-aligned, everything else left-aligned; a row count closes the table. */
export function formatResultTable(columns: readonly string[], rows: readonly QueryRow[]): string {
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => row[column] === null || typeof row[column] === 'number'));
  const pad = (text: string, index: number): string => (numeric[index] ? text.padStart(widths[index]!) : text.padEnd(widths[index]!));
  const line = (values: readonly string[]): string => values.map(pad).join(' | ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const count = `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`;
  return [line(columns), rule, ...cells.map(line), count].join('\n');
}
