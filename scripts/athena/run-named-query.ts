// Runs an Athena named query from the template on DuckDB over the local cloud's S3 data lake (Glue tables → DuckDB tables).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { keepAliveHttpHandler } from '../../shared/aws/clients';
import { localAccountId, localRegion } from '../local/emulators/sdk-env';
import { packageTemplate } from '../local/package-template';
import { endpointFor } from '../local/provision/clients';
import { loadTemplate } from '../local/template/load';
import { resolveStack } from '../local/template/resolve';
import type { ResolvedResource } from '../local/types';
import { analyticsCatalog, findNamedQuery, tablesReadBy, type AnalyticsCatalog } from './catalog';
import { loadTable } from './duckdb-tables';
import { downloadTable } from './lake-objects';
import { queryValue, type QueryRow } from './query-values';
import { sessionSettings, translateTrinoToDuckDb } from './trino-to-duckdb';

export interface RunNamedQueryOptions {
  /** The named query's Name, e.g. "clickstream-top-pages". */
  queryName: string;
  /** SDK environment reaching the local S3 (AWS_ENDPOINT_URL[_S3], AWS_REGION, credentials), e.g. LocalCloud.sdkEnv. */
  sdkEnv: Readonly<Record<string, string | undefined>>;
  /** The resolved template (LocalCloud.resources); without it, the stage's packaged template is resolved here. */
  resources?: readonly ResolvedResource[];
  /** serverless.yml stage (default "local"); used only when `resources` is not given. */
  stage?: string;
  /** `YYYY-MM-DD` (UTC): pins current_date and the `NOW` of partition projection ranges to that day. */
  currentDate?: string;
  /** Injected clock for `NOW` when no date is pinned. */
  now?: () => Date;
}

export interface LocalQueryResult {
  queryName: string;
  columns: string[];
  rows: QueryRow[];
  /** The DuckDB SQL that ran, and the rewrites that made it from the template's Trino SQL. */
  sql: string;
  rewrites: string[];
  /** Per table read: objects loaded, and objects under its prefix that no (projected) partition covers. */
  scanned: Record<string, { objects: number; bytes: number; partitions: number; ignored: number }>;
}

const projectRoot = join(__dirname, '..', '..');

/** The stage's template, compiled by `sls package` (cached) and resolved for the local cloud's account and region. */
export async function loadStackResources(options: { stage?: string; region?: string; accountId?: string } = {}): Promise<ResolvedResource[]> {
  const stage = options.stage ?? 'local';
  const packaged = packageTemplate({ projectRoot, stage, log: { info: () => undefined } });
  const stack = await resolveStack(loadTemplate(packaged.templatePath), {
    stackName: packaged.stackName,
    region: options.region ?? localRegion,
    accountId: options.accountId ?? localAccountId,
  });
  return stack.resources;
}

export async function loadAnalyticsCatalog(options: Pick<RunNamedQueryOptions, 'resources' | 'stage' | 'sdkEnv'>): Promise<AnalyticsCatalog> {
  const resources = options.resources ?? (await loadStackResources({ stage: options.stage, region: options.sdkEnv.AWS_REGION }));
  return analyticsCatalog(resources);
}

function s3ClientFor(env: Readonly<Record<string, string | undefined>>): S3Client {
  return new S3Client({
    endpoint: endpointFor(env, 'S3'),
    region: env.AWS_REGION ?? localRegion,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local' },
    forcePathStyle: true,
    requestHandler: keepAliveHttpHandler(),
  });
}

/** End of the pinned day, so a range ending at NOW includes that whole day. */
function clockFor(options: RunNamedQueryOptions): Date {
  if (options.currentDate !== undefined) return new Date(`${options.currentDate}T23:59:59.999Z`);
  return options.now?.() ?? new Date();
}

export async function runNamedQueryLocally(options: RunNamedQueryOptions): Promise<LocalQueryResult> {
  const catalog = await loadAnalyticsCatalog(options);
  const query = findNamedQuery(catalog, options.queryName);
  // Translate first: an untranslatable query fails before anything is downloaded.
  const translation = translateTrinoToDuckDb(query.queryString, options.currentDate === undefined ? {} : { currentDate: options.currentDate });
  const workDir = mkdtempSync(join(tmpdir(), 'athena-local-'));
  const s3 = s3ClientFor(options.sdkEnv);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const setting of sessionSettings) await connection.run(setting);
    const scanned: LocalQueryResult['scanned'] = {};
    for (const table of tablesReadBy(catalog, query)) {
      const download = await downloadTable({ s3, table, directory: join(workDir, table.name), now: clockFor(options) });
      await loadTable(connection, table, download.partitions);
      scanned[table.name] = { objects: download.objects, bytes: download.bytes, partitions: download.partitions.length, ignored: download.ignored.length };
    }
    const reader = await connection.runAndReadAll(translation.sql);
    const columns = reader.columnNames();
    const types = reader.columnTypes();
    const rows = reader.getRowObjectsJS().map((row) =>
      Object.fromEntries(columns.map((column, index) => [column, queryValue(row[column] ?? null, types[index]!)])),
    );
    return { queryName: query.name, columns, rows, sql: translation.sql, rewrites: translation.rewrites, scanned };
  } finally {
    connection.closeSync();
    instance.closeSync();
    s3.destroy();
    rmSync(workDir, { recursive: true, force: true });
  }
}
