// The README's `npm start`: the demo comes up, moves simulated traffic into sessions, and Ctrl-C stops it cleanly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('npm start runs the demo and stops cleanly on Ctrl-C (SIGINT)', async () => {
  // As `npm start` runs it: plain node with tsx as a loader, so the signal reaches the demo itself (no relaying parent).
  // Without the Flink job (test/integration/flink covers it): a JVM starting beside the demo would only slow this test.
  const demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/local/start.ts', '--port', '0', '--rate', '20'], {
    cwd: root,
    env: { ...process.env, LOCAL_FLINK: 'off' },
  });
  let output = '';
  demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close', not 'exit': output can still be in the pipes when the process exits.
  const exited = new Promise<number | null>((resolve) => demo.on('close', (code) => resolve(code)));

  // Interrupt once a summary shows state written by all three consumers (or give up after 90 s and let the assertions explain).
  const deadline = Date.now() + 90_000;
  while (!/sessions [1-9]\d* · devices [1-9]\d* · card profiles [1-9]/.test(output) && Date.now() < deadline && demo.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  demo.kill('SIGINT');
  const code = await exited;

  const tail = output.slice(-3000); // what the assertions below are about, if they fail
  expect({ code, tail }).toEqual({ code: 0, tail: expect.stringContaining('Local cloud stopped.') as unknown });
  expect(output).toContain('Local cloud ready');
  expect(output).toContain('Flink window metrics: off (LOCAL_FLINK=off)');
  expect(output).toMatch(/flink\s+off \(LOCAL_FLINK=off\)/);
  expect(output).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/local\/clickstream\/events · \/iot\/telemetry · \/payments\/transactions/);
  expect(output).toMatch(/sessions [1-9]\d* · devices [1-9]\d* · card profiles [1-9]\d*/);
  expect(output).toMatch(/archive\s+\d+ records in · 0 buffered · [1-9]\d* GZIP objects in S3/);
  expect(output).toContain('Local cloud stopped.');
  expect(code).toBe(0);
}, 150_000);
