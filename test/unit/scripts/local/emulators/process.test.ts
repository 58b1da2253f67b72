// Emulator process management with a tiny Node "emulator": readiness, early exits, timeouts and stopping for good.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  answersHttp,
  findFreePort,
  isProcessAlive,
  logsDir,
  startManagedProcess,
  type ManagedProcessOptions,
} from '../../../../../scripts/local/emulators/process';

/** Serves HTTP on the port in argv and exits when stdin closes, like the real wrappers. */
const wellBehaved = `
require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.argv[1]), '127.0.0.1');
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
console.log('listening');
`;
/** Ignores stdin EOF and SIGTERM: only SIGKILL ends it. */
const stubborn = `process.on('SIGTERM', () => {}); process.stdin.resume(); setInterval(() => {}, 1000);`;

const logNames: string[] = [];
afterAll(() => logNames.forEach((name) => rmSync(join(logsDir, `${name}.log`), { force: true })));

async function start(name: string, script: string, port: number, overrides: Partial<ManagedProcessOptions> = {}) {
  logNames.push(name);
  return startManagedProcess({
    name,
    command: process.execPath,
    args: ['-e', script, String(port)],
    env: process.env,
    isReady: () => answersHttp(`http://127.0.0.1:${port}/`),
    readyTimeoutMs: 5_000,
    ...overrides,
  });
}

it('starts a process, waits until it answers, and stops it (idempotently)', async () => {
  const port = await findFreePort('127.0.0.1');
  const child = await start('unit-well-behaved', wellBehaved, port);
  expect(await answersHttp(`http://127.0.0.1:${port}/`)).toBe(true);
  expect(isProcessAlive(child.pid)).toBe(true);
  await Promise.all([child.stop(), child.stop()]);
  expect(isProcessAlive(child.pid)).toBe(false);
  expect(await answersHttp(`http://127.0.0.1:${port}/`)).toBe(false);
});

it('fails with the log tail when the process exits before it is ready', async () => {
  const script = `console.error('bad config: port taken'); process.exit(3);`;
  await expect(start('unit-early-exit', script, 1)).rejects.toThrow(/unit-early-exit exited before it was ready \(exit code 3\); last lines of .*\nbad config: port taken/);
});

it('fails after the timeout when nothing answers, and leaves no process behind', async () => {
  const error = await start('unit-silent', `console.log('pid', process.pid); process.stdin.resume();`, 1, {
    readyTimeoutMs: 300,
    isReady: () => Promise.resolve(false),
  }).catch((failure: unknown) => failure as Error);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/unit-silent did not answer within 300 ms; last lines of .*\npid (\d+)/);
  expect(isProcessAlive(Number(/pid (\d+)/.exec((error as Error).message)?.[1]))).toBe(false);
});

it('kills a process that ignores stdin EOF and SIGTERM', async () => {
  const child = await start('unit-stubborn', stubborn, 1, { isReady: () => Promise.resolve(true), stopTimeoutMs: 200 });
  await child.stop();
  expect(isProcessAlive(child.pid)).toBe(false);
});

it('finds distinct free ports', async () => {
  const [first, second] = await Promise.all([findFreePort('127.0.0.1'), findFreePort('127.0.0.1')]);
  expect(first).toBeGreaterThan(0);
  expect(second).not.toBe(first);
});
