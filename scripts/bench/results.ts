// Writes a benchmark's result with the machine it ran on to bench-results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineInfo } from './machine';

export const resultsDir = join(__dirname, '..', '..', 'bench-results');

export function writeBenchResult(name: string, result: unknown, options: Record<string, unknown> = {}): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ benchmark: name, machine: machineInfo(), options, result }, null, 2)}\n`);
  return path;
}
