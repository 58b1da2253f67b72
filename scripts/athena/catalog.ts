// Reads the analytics catalog from resolved template resources: Glue tables and the Athena named queries shipped with them.
import type { ResolvedResource } from '../local/types';

export interface GlueColumn {
  name: string;
  /** Hive type as Glue stores it, e.g. `string`, `struct<url:string,path:string>`. */
  type: string;
}

export interface GlueTableDefinition {
  logicalId: string;
  database: string;
  name: string;
  columns: GlueColumn[];
  partitionKeys: GlueColumn[];
  /** `s3://bucket/prefix/` from the StorageDescriptor. */
  location: string;
  /** TableInput.Parameters: classification, projection.*, storage.location.template … */
  parameters: Record<string, string>;
  serdeLibrary: string;
  serdeParameters: Record<string, string>;
}

export interface NamedQueryDefinition {
  logicalId: string;
  name: string;
  description?: string;
  database: string;
  workGroup?: string;
  queryString: string;
}

export interface AnalyticsCatalog {
  tables: GlueTableDefinition[];
  namedQueries: NamedQueryDefinition[];
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new CatalogError(`${path}: expected a non-empty string`);
  return value;
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new CatalogError(`${path}: expected an object`);
  return value;
}

/** CloudFormation passes map values through as written; Glue stores them as strings. */
function stringMap(value: unknown, path: string): Record<string, string> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(record(value, path)).map(([key, entry]) => [key, String(entry)]));
}

function columns(value: unknown, path: string): GlueColumn[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new CatalogError(`${path}: expected a list of columns`);
  return value.map((column, index) => {
    const entry = record(column, `${path}[${index}]`);
    // Glue lower-cases column names; queries refer to them that way.
    return { name: text(entry.Name, `${path}[${index}].Name`).toLowerCase(), type: text(entry.Type, `${path}[${index}].Type`) };
  });
}

function glueTable(resource: ResolvedResource): GlueTableDefinition {
  const path = resource.logicalId;
  const input = record(resource.properties.TableInput, `${path}.TableInput`);
  const storage = record(input.StorageDescriptor, `${path}.TableInput.StorageDescriptor`);
  const serde = record(storage.SerdeInfo, `${path}.TableInput.StorageDescriptor.SerdeInfo`);
  return {
    logicalId: resource.logicalId,
    database: text(resource.properties.DatabaseName, `${path}.DatabaseName`),
    name: text(input.Name ?? resource.physicalId, `${path}.TableInput.Name`).toLowerCase(),
    columns: columns(storage.Columns, `${path}.TableInput.StorageDescriptor.Columns`),
    partitionKeys: columns(input.PartitionKeys, `${path}.TableInput.PartitionKeys`),
    location: text(storage.Location, `${path}.TableInput.StorageDescriptor.Location`),
    parameters: stringMap(input.Parameters, `${path}.TableInput.Parameters`),
    serdeLibrary: text(serde.SerializationLibrary, `${path}.TableInput.StorageDescriptor.SerdeInfo.SerializationLibrary`),
    serdeParameters: stringMap(serde.Parameters, `${path}.TableInput.StorageDescriptor.SerdeInfo.Parameters`),
  };
}

function namedQuery(resource: ResolvedResource): NamedQueryDefinition {
  const { Name, Description, Database, WorkGroup, QueryString } = resource.properties;
  const path = resource.logicalId;
  return {
    logicalId: resource.logicalId,
    name: text(Name, `${path}.Name`),
    ...(typeof Description === 'string' && { description: Description }),
    database: text(Database, `${path}.Database`),
    ...(typeof WorkGroup === 'string' && { workGroup: WorkGroup }),
    queryString: text(QueryString, `${path}.QueryString`),
  };
}

export function analyticsCatalog(resources: readonly ResolvedResource[]): AnalyticsCatalog {
  return {
    tables: resources.filter((resource) => resource.type === 'AWS::Glue::Table').map(glueTable),
    namedQueries: resources.filter((resource) => resource.type === 'AWS::Athena::NamedQuery').map(namedQuery),
  };
}

export function findNamedQuery(catalog: AnalyticsCatalog, name: string): NamedQueryDefinition {
  const query = catalog.namedQueries.find((candidate) => candidate.name === name);
  if (query) return query;
  const known = catalog.namedQueries.map((candidate) => candidate.name).join(', ') || 'none';
  throw new CatalogError(`No Athena named query "${name}" in the template (known: ${known})`);
}

/** Tables of the query's database that the query names (as a whole word, outside string literals is close enough here). */
export function tablesReadBy(catalog: AnalyticsCatalog, query: NamedQueryDefinition): GlueTableDefinition[] {
  return catalog.tables.filter(
    (table) => table.database === query.database && new RegExp(`(^|[^A-Za-z0-9_"])"?${table.name}"?([^A-Za-z0-9_]|$)`, 'i').test(query.queryString),
  );
}

/** `s3://bucket/some/prefix/` → bucket and key prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) throw new CatalogError(`${url} is not an s3:// location`);
  return { bucket: match[1]!, prefix: match[2]! };
}
