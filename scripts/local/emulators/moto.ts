// moto server from the project venv: DynamoDB, S3, SQS, SNS, Glue, Athena (and optionally Kinesis) on one loopback port.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { venvExecutable } from '../../setup/python-env';
import { answersHttp, resolvePort, startManagedProcess, type EmulatorHandle } from './process';
import { localAccountId } from './sdk-env';

export interface MotoOptions {
  host?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /** Every request is served as this account, whatever the credentials say. */
  accountId?: string;
  /** Log file name under .local/logs (default "moto"); tests running in parallel give each server its own. */
  name?: string;
  /** Log every HTTP request (werkzeug's access log); off by default to keep the log about errors. */
  logRequests?: boolean;
  readyTimeoutMs?: number;
}

export interface MotoHandle extends EmulatorHandle {
  accountId: string;
  /** Empties every service (POST /moto-api/reset); about 50 ms, cheaper than a restart between tests. */
  reset(): Promise<void>;
}

/**
 * Runs moto's server module under a wrapper thread that exits the interpreter when stdin reaches EOF, which happens
 * when the Node parent dies for any reason; moto_server itself would keep running as an orphan.
 */
const motoWrapper = `
import logging, os, sys, threading

def exit_with_parent():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)

threading.Thread(target=exit_with_parent, daemon=True).start()
if os.environ.get("LOCAL_CLOUD_LOG_REQUESTS") != "1":
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
from moto.server import main
main(sys.argv[1:])
`;

export async function startMoto(options: MotoOptions = {}): Promise<MotoHandle> {
  const python = venvExecutable('python');
  if (!existsSync(venvExecutable('moto_server'))) {
    throw new Error(`moto is not installed in .venv (${venvExecutable('moto_server')} is missing); run \`npm run setup\`.`);
  }
  const host = options.host ?? '127.0.0.1';
  const port = await resolvePort(host, options.port);
  const accountId = options.accountId ?? localAccountId;
  const endpoint = `http://${host}:${port}`;
  const managed = await startManagedProcess({
    name: options.name ?? 'moto',
    command: python,
    args: ['-c', motoWrapper, '-H', host, '-p', String(port)],
    env: {
      ...process.env,
      MOTO_ACCOUNT_ID: accountId,
      LOCAL_CLOUD_LOG_REQUESTS: options.logRequests ? '1' : '0',
      PYTHONUNBUFFERED: '1',
    },
    isReady: () => answersHttp(`${endpoint}/moto-api/`),
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { ...managed, endpoint, accountId, reset: () => resetMoto(endpoint) };
}

function resetMoto(endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}/moto-api/reset`, { method: 'POST', agent: false }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve();
      else reject(new Error(`moto reset answered HTTP ${res.statusCode}`));
    });
    req.once('error', reject);
    req.end();
  });
}
