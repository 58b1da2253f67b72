// Compiles serverless.yml for a stage with `sls package`, the same way a deploy does, and caches the result.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackagedTemplate {
  templatePath: string;
  /** "<service>-<stage>", the stack name `sls deploy` uses. */
  stackName: string;
}

interface Log {
  info(message: string, details?: Record<string, unknown>): void;
}

/**
 * The template depends only on serverless.yml and the installed framework, so it is rebuilt when either changes.
 * Function code is not taken from the zips: the local function host bundles the handlers from source.
 */
export function packageTemplate(options: { projectRoot: string; stage: string; log: Log }): PackagedTemplate {
  const { projectRoot, stage } = options;
  const outputDir = join(projectRoot, `.serverless-${stage}`);
  const templatePath = join(outputDir, 'cloudformation-template-update-stack.json');
  const statePath = join(outputDir, 'serverless-state.json');
  const stampPath = join(outputDir, '.inputs-hash');
  const inputsHash = hashOf([join(projectRoot, 'serverless.yml'), join(projectRoot, 'package-lock.json')]);

  const upToDate = existsSync(templatePath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === inputsHash;
  if (!upToDate) {
    options.log.info('packaging serverless.yml', { stage });
    const result = spawnSync(join(projectRoot, 'node_modules', '.bin', 'sls'), ['package', '--stage', stage, '--package', outputDir], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`sls package --stage ${stage} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    writeFileSync(stampPath, inputsHash);
  }
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as { service?: { service?: unknown } };
  const service = state.service?.service;
  if (typeof service !== 'string') throw new Error(`${statePath} has no service name`);
  return { templatePath, stackName: `${service}-${stage}` };
}

function hashOf(paths: string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) hash.update(readFileSync(path));
  return hash.digest('hex');
}
