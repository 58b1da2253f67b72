// DuckDB result values as plain JSON-friendly values: what Athena's console or a JSON export would show.
import { DuckDBListType, DuckDBMapType, DuckDBStructType, DuckDBTypeId, type DuckDBType, type JS } from '@duckdb/node-api';

export type QueryValue = string | number | boolean | null | QueryValue[] | { [key: string]: QueryValue };
export type QueryRow = Record<string, QueryValue>;

/** BIGINT counts become numbers while they are exact; beyond 2^53 they stay exact as strings. */
function integer(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

export function queryValue(value: JS, type: DuckDBType): QueryValue {
  if (value === null) return null;
  if (typeof value === 'bigint') return integer(value);
  if (value instanceof Date) return type.typeId === DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return arrayValue(value, type);
  if (typeof value === 'object') {
    const struct = type instanceof DuckDBStructType ? type : undefined;
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, queryValue(entry, struct?.typeForEntry(key) ?? type)]));
  }
  return value;
}

/** A MAP comes as [{ key, value }]; Athena shows it as an object, so does this. */
function arrayValue(values: JS[], type: DuckDBType): QueryValue {
  if (type instanceof DuckDBMapType) {
    return Object.fromEntries(
      values.map((entry) => {
        const { key, value } = entry as { key: JS; value: JS };
        const name = queryValue(key, type.keyType);
        return [typeof name === 'object' ? JSON.stringify(name) : String(name), queryValue(value, type.valueType)];
      }),
    );
  }
  const elementType = type instanceof DuckDBListType ? type.valueType : type;
  return values.map((element) => queryValue(element, elementType));
}
