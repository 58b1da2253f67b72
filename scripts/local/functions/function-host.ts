// Runs the template's Lambda functions from source in worker threads and invokes them like Lambda's Invoke API.
import path from 'node:path';
import type { FunctionInvoker, InvokeOutcome, LambdaFunctionSpec, Stoppable } from '../types';
import { bundleFunction, bundleWorkerRuntime, parseHandler } from './bundle-function';
import { FunctionPool, type FunctionStats } from './function-pool';
import { prefixedStreamSink, type FunctionLogSink } from './log-sinks';

/** Lambda's limit on a synchronous invoke request. */
const MAX_REQUEST_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface FunctionHostOptions {
  projectRoot: string;
  functions: LambdaFunctionSpec[];
  /** SDK endpoints and fake credentials every function starts from. */
  baseEnv: Record<string, string>;
  /** Bundles go to <buildDir>/<functionName>/index.mjs, e.g. <projectRoot>/.local/functions. */
  buildDir: string;
  /** Default: "[functionName] line" on stdout. */
  logSink?: FunctionLogSink;
  /** Execution environments per function (default 4). */
  maxEnvironmentsPerFunction?: number;
}

export interface FunctionHost extends FunctionInvoker, Stoppable {
  stats(): FunctionStats[];
  /**
   * Crashes execution environments, for fault tests: of one function (name or ARN) or of all, only those running
   * an invocation ('busy') or every one. Their invocations fail as Runtime.ExitError; resolves with how many ended.
   */
  terminateEnvironments(functionNameOrArn: string | undefined, scope: 'busy' | 'all'): Promise<number>;
}

/** Errors Lambda's Invoke API itself raises (not function errors), named like the SDK's exceptions. */
export class InvokeRequestError extends Error {
  constructor(name: 'ResourceNotFoundException' | 'RequestTooLargeException' | 'ServiceUnavailableException', message: string) {
    super(message);
    this.name = name;
  }
}

/** A function answers to its name, its ARN and its ARN qualified with $LATEST. */
function indexByNameAndArn(pools: FunctionPool[]): Map<string, FunctionPool> {
  const index = new Map<string, FunctionPool>();
  for (const pool of pools) {
    for (const key of [pool.spec.functionName, pool.spec.arn, `${pool.spec.arn}:$LATEST`]) index.set(key, pool);
  }
  return index;
}

export async function startFunctionHost(options: FunctionHostOptions): Promise<FunctionHost> {
  const logSink = options.logSink ?? prefixedStreamSink();
  const runtimePath = await bundleWorkerRuntime(options.projectRoot, path.join(options.buildDir, '.runtime'));
  const pools = await Promise.all(
    options.functions.map(async (spec) => {
      const bundlePath = await bundleFunction({ projectRoot: options.projectRoot, handler: spec.handler, outDir: path.join(options.buildDir, spec.functionName) });
      return new FunctionPool({
        spec,
        baseEnv: options.baseEnv,
        runtimePath,
        bundlePath,
        handlerExport: parseHandler(spec.handler).exportName,
        maxEnvironments: options.maxEnvironmentsPerFunction ?? 4,
        log: (line) => logSink.write(spec.functionName, line),
      });
    }),
  );
  const byNameOrArn = indexByNameAndArn(pools);
  let stopping: Promise<void> | undefined;

  return {
    invoke(functionNameOrArn: string, event: unknown): Promise<InvokeOutcome> {
      if (stopping) return Promise.reject(new InvokeRequestError('ServiceUnavailableException', 'The function host is stopping'));
      const pool = byNameOrArn.get(functionNameOrArn);
      if (!pool) return Promise.reject(new InvokeRequestError('ResourceNotFoundException', `Function not found: ${functionNameOrArn}`));
      const eventJson = JSON.stringify(event ?? null);
      if (Buffer.byteLength(eventJson) > MAX_REQUEST_PAYLOAD_BYTES) {
        return Promise.reject(new InvokeRequestError('RequestTooLargeException', `Request must be smaller than ${MAX_REQUEST_PAYLOAD_BYTES} bytes for the InvokeFunction operation`));
      }
      return pool.invoke(eventJson, functionNameOrArn.startsWith('arn:') ? functionNameOrArn : pool.spec.arn);
    },
    stats: () => pools.map((pool) => pool.stats()),
    async terminateEnvironments(functionNameOrArn, scope) {
      const pool = functionNameOrArn === undefined ? undefined : byNameOrArn.get(functionNameOrArn);
      if (functionNameOrArn !== undefined && !pool) throw new InvokeRequestError('ResourceNotFoundException', `Function not found: ${functionNameOrArn}`);
      const ended = await Promise.all((pool ? [pool] : pools).map((each) => each.terminateEnvironments(scope)));
      return ended.reduce((sum, count) => sum + count, 0);
    },
    stop(): Promise<void> {
      stopping ??= Promise.all(pools.map((pool) => pool.stop())).then(() => logSink.close());
      return stopping;
    },
  };
}
