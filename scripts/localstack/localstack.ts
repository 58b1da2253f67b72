// LocalStack as an optional backend: the SDK environment that reaches it, its readiness checks, and `sls deploy` to it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const LOCALSTACK_ENDPOINT = process.env.LOCALSTACK_ENDPOINT ?? 'http://127.0.0.1:4566';
export const LOCALSTACK_STAGE = 'local';
const projectRoot = join(__dirname, '..', '..');

/**
 * The standard SDK variables are all it takes: osls 4 (SDK v3) and the tests honour AWS_ENDPOINT_URL. An IP (not
 * localhost) keeps S3 on path-style addressing, which has no environment variable of its own in the JS SDK.
 */
export function localStackEnv(endpoint = LOCALSTACK_ENDPOINT): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export interface InitScript {
  name: string;
  stage: string;
  state: string;
}

/** Why LocalStack cannot be used yet, or undefined when it is up and its ready-stage init hooks succeeded. */
export function readinessProblem(health: unknown, init: unknown): string | undefined {
  const services = (health as { services?: Record<string, string> } | undefined)?.services;
  if (!services) return 'LocalStack answered without a service list';
  const scripts = ((init as { scripts?: InitScript[] } | undefined)?.scripts ?? []).filter((script) => script.stage === 'READY');
  const ours = scripts.find((script) => script.name.endsWith('10-check-services.sh'));
  if (!ours) return 'the init hook scripts/localstack/init/ready.d/10-check-services.sh did not run (start LocalStack with docker compose up)';
  if (ours.state === 'ERROR') return 'a service the stack needs is missing in this LocalStack image (see `docker compose logs localstack`)';
  if (ours.state !== 'SUCCESSFUL') return `the init hook is ${ours.state}`;
  return undefined;
}

/** Waits until LocalStack is ready, or fails with what to do; never silently passes. */
export async function waitForLocalStack(endpoint = LOCALSTACK_ENDPOINT, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let problem = 'not reachable';
  while (Date.now() < deadline) {
    try {
      const [health, init] = await Promise.all(
        ['/_localstack/health', '/_localstack/init'].map(async (path) => (await fetch(`${endpoint}${path}`)).json()),
      );
      problem = readinessProblem(health, init) ?? '';
      if (!problem) return;
      if (problem.includes('missing')) break;
    } catch (error) {
      problem = `not reachable at ${endpoint} (${error instanceof Error ? error.message : String(error)}); start it with \`docker compose up -d\``;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`LocalStack is not ready: ${problem}`);
}

/** Runs a command with the LocalStack SDK environment; resolves with its exit code. */
export function runWithLocalStack(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...localStackEnv(), ...extraEnv } });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `sls deploy --stage local` against LocalStack: the same serverless.yml, only the SDK endpoint differs. */
export function deployToLocalStack(): Promise<number> {
  return runWithLocalStack('npx', ['sls', 'deploy', '--stage', LOCALSTACK_STAGE]);
}
