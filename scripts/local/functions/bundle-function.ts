// Bundles a handler from source with esbuild into the same kind of ESM bundle that serverless-esbuild ships.
import { build, type BuildOptions } from 'esbuild';
import { access } from 'node:fs/promises';
import path from 'node:path';

/**
 * The shape of serverless.yml's custom.esbuild (bundle, ESM .mjs, module-first resolution, createRequire banner),
 * targeting the Node.js that runs the local cloud rather than the Lambda runtime version.
 */
export const LAMBDA_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  minify: false,
  sourcemap: 'linked',
  keepNames: true,
  target: 'node20',
  platform: 'node',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'silent',
};

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

export interface HandlerReference {
  /** Module path relative to the project root, without extension ("functions/clickstream/ingest"). */
  modulePath: string;
  /** Exported name ("handler"). */
  exportName: string;
}

/** "functions/clickstream/ingest.handler" → module "functions/clickstream/ingest", export "handler". */
export function parseHandler(handler: string): HandlerReference {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) throw new Error(`Handler "${handler}" is not of the form <module path>.<export>`);
  return { modulePath: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function resolveHandlerSource(projectRoot: string, modulePath: string): Promise<string> {
  for (const extension of SOURCE_EXTENSIONS) {
    const candidate = path.resolve(projectRoot, modulePath + extension);
    if (await exists(candidate)) return candidate;
  }
  throw new Error(`No source for handler module "${modulePath}" (tried ${SOURCE_EXTENSIONS.join(', ')}) under ${projectRoot}`);
}

async function bundle(entryPoint: string, outfile: string, options: BuildOptions): Promise<string> {
  await build({ ...options, entryPoints: [entryPoint], outfile, write: true });
  return outfile;
}

export interface BundleFunctionInput {
  projectRoot: string;
  handler: string;
  /** The function's own folder; the bundle is written to <outDir>/index.mjs. */
  outDir: string;
  options?: BuildOptions;
}

export async function bundleFunction(input: BundleFunctionInput): Promise<string> {
  const { modulePath } = parseHandler(input.handler);
  const source = await resolveHandlerSource(input.projectRoot, modulePath);
  return bundle(source, path.join(input.outDir, 'index.mjs'), input.options ?? LAMBDA_BUNDLE_OPTIONS);
}

/** The worker runtime is TypeScript too; bundling it keeps workers free of TS loaders (tsx and jest differ there). */
export async function bundleWorkerRuntime(projectRoot: string, outDir: string): Promise<string> {
  const source = path.join(projectRoot, 'scripts/local/functions/worker-runtime.ts');
  return bundle(source, path.join(outDir, 'worker-runtime.mjs'), { ...LAMBDA_BUNDLE_OPTIONS, banner: {} });
}
