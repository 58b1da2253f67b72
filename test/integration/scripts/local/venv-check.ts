// Integration tests need moto from the project venv; say how to get it instead of failing obscurely.
import { existsSync } from 'node:fs';
import { venvExecutable } from '../../../../scripts/setup/python-env';

export function assertVenvReady(): void {
  const motoServer = venvExecutable('moto_server');
  if (!existsSync(motoServer)) {
    throw new Error(`${motoServer} is missing: run \`npm run setup\` (npm test does it) before the integration tests.`);
  }
}
