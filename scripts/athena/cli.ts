// `npm run athena -- <named-query>`: runs an Athena named query from serverless.yml on the local cloud's data lake.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogError } from './catalog';
import { formatResultTable } from './result-table';
import { loadAnalyticsCatalog, runNamedQueryLocally } from './run-named-query';
import { UntranslatableQueryError } from './trino-to-duckdb';

const USAGE = `Usage: npm run athena -- <named-query> [--stage local] [--date YYYY-MM-DD] [--json] [--sql]
       npm run athena -- --list

Runs one of the Athena named queries the template ships (AWS::Athena::NamedQuery) with DuckDB over the
Firehose objects in the local cloud's S3. Start the local cloud first (npm start).
  --list    list the named queries
  --date    pin current_date (and partition projection's NOW) to this UTC day
  --json    print { columns, rows } as JSON
  --sql     also print the DuckDB SQL that ran and each Trino → DuckDB rewrite`;

interface ConnectionFile {
  stage?: string;
  sdkEnv?: Record<string, string>;
}

/** .local/cloud.json (written by npm start) says where the running local cloud is; AWS_ENDPOINT_URL overrides it. */
function localCloudConnection(): ConnectionFile {
  const path = join(__dirname, '..', '..', '.local', 'cloud.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ConnectionFile) : {};
}

function sdkEnvironment(connection: ConnectionFile): Record<string, string | undefined> {
  if (process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3) return process.env;
  if (connection.sdkEnv) return connection.sdkEnv;
  throw new CatalogError('No local cloud found: run `npm start` (it writes .local/cloud.json) or set AWS_ENDPOINT_URL');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      date: { type: 'string' },
      list: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      sql: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const connection = localCloudConnection();
  const stage = values.stage ?? connection.stage ?? 'local';
  const sdkEnv = sdkEnvironment(connection);
  if (values.list) {
    const catalog = await loadAnalyticsCatalog({ stage, sdkEnv });
    for (const query of catalog.namedQueries) process.stdout.write(`${query.name.padEnd(32)} ${query.description ?? ''}\n`);
    return 0;
  }
  const [queryName] = positionals;
  if (queryName === undefined || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const result = await runNamedQueryLocally({ queryName, stage, sdkEnv, ...(values.date !== undefined && { currentDate: values.date }) });
  if (values.sql) {
    process.stderr.write(`-- rewrites: ${result.rewrites.length === 0 ? 'none' : ''}\n${result.rewrites.map((line) => `--   ${line}\n`).join('')}${result.sql}\n`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ columns: result.columns, rows: result.rows }, null, 2)}\n`);
    return 0;
  }
  for (const [table, scan] of Object.entries(result.scanned)) {
    process.stderr.write(`${table}: ${scan.objects} objects in ${scan.partitions} partitions (${scan.bytes} bytes)${scan.ignored ? `, ${scan.ignored} outside the projection` : ''}\n`);
  }
  process.stdout.write(`${formatResultTable(result.columns, result.rows)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known = error instanceof CatalogError || error instanceof UntranslatableQueryError;
      const message = error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error);
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
    },
  );
}
