// Project Python environment (.venv with moto and cfn-lint, pinned); a stamp makes an up-to-date rerun a no-op.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const projectRoot = join(__dirname, '..', '..');
export const venvDir = join(projectRoot, '.venv');
const requirementsFile = join(__dirname, 'requirements.txt');
const stampFile = join(venvDir, '.requirements-stamp');
const minimumPython: readonly [number, number] = [3, 10];
const versionProbe = "import sys; print('%d.%d.%d' % sys.version_info[:3])";

/** A problem the user fixes on their machine (missing python3, missing venv module); the message says how. */
export class PythonEnvError extends Error {
  override name = 'PythonEnvError';
}

/** Path of an executable installed in .venv (moto_server, cfn-lint, python). */
export function venvExecutable(name: string): string {
  return process.platform === 'win32' ? join(venvDir, 'Scripts', `${name}.exe`) : join(venvDir, 'bin', name);
}

export interface PythonEnvOptions {
  /** Progress lines; nothing is logged when the environment is already up to date. */
  log?: (line: string) => void;
}

/** Creates or updates .venv so it holds exactly what requirements.txt pins. Returns whether anything changed. */
export function ensurePythonEnv(options: PythonEnvOptions = {}): { changed: boolean } {
  const log = options.log ?? (() => undefined);
  const requirements = readFileSync(requirementsFile);
  const venvPython = venvExecutable('python');
  const venvVersion = existsSync(venvPython) ? pythonVersion(venvPython) : undefined;
  if (venvVersion !== undefined && readStamp() === stampFor(requirements, venvVersion)) return { changed: false };

  const started = Date.now();
  const python = findSystemPython();
  if (venvVersion !== python.version) {
    assertVenvModule(python.command);
    log(`creating .venv with Python ${python.version}`);
    run(python.command, ['-m', 'venv', '--clear', venvDir], 'python3 -m venv');
  }
  log(`installing ${relative(projectRoot, requirementsFile)} into .venv`);
  run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', requirementsFile], 'pip install');
  writeFileSync(stampFile, stampFor(requirements, python.version));
  log(`.venv ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { changed: true };
}

/** The stamp ties the installed packages to the requirements text and the interpreter they were installed for. */
function stampFor(requirements: Buffer, version: string): string {
  return createHash('sha256').update(requirements).update(`\npython ${version}`).digest('hex');
}

function readStamp(): string | undefined {
  return existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : undefined;
}

function pythonVersion(command: string): string | undefined {
  const result = spawnSync(command, ['-c', versionProbe], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function findSystemPython(): { command: string; version: string } {
  const candidates = [process.env.PYTHON, 'python3', process.platform === 'win32' ? 'python' : undefined];
  for (const command of candidates) {
    if (!command) continue;
    const version = pythonVersion(command);
    if (version === undefined) continue;
    assertSupportedVersion(command, version);
    return { command, version };
  }
  throw new PythonEnvError(
    `python3 was not found. Install Python ${minimumPython.join('.')} or newer ` +
      '(Debian/Ubuntu: `sudo apt-get install python3 python3-venv`; macOS: `brew install python`), ' +
      'or point the PYTHON environment variable at one.',
  );
}

function assertSupportedVersion(command: string, version: string): void {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor, minMinor] = minimumPython;
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return;
  throw new PythonEnvError(
    `${command} is Python ${version}; the local cloud needs ${minimumPython.join('.')} or newer. ` +
      'Install a newer Python and/or set PYTHON to its path.',
  );
}

/** Debian and Ubuntu ship `venv` without `ensurepip` unless python3-venv is installed; venv creation then fails late. */
function assertVenvModule(command: string): void {
  const probe = spawnSync(command, ['-c', 'import venv, ensurepip'], { encoding: 'utf8' });
  if (probe.status === 0) return;
  throw new PythonEnvError(
    `${command} cannot create virtual environments (the venv/ensurepip modules are missing). ` +
      'On Debian/Ubuntu: `sudo apt-get install python3-venv` (or python3.X-venv for your version).',
  );
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new PythonEnvError(`${what} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new PythonEnvError(`${what} failed (exit ${result.status ?? result.signal}); see the output above.`);
}

if (require.main === module) {
  try {
    ensurePythonEnv({ log: (line) => console.log(`setup: ${line}`) });
  } catch (error) {
    console.error(`setup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
