// kinesis-local (the npm build of kinesis-mock): AWS-shaped Kinesis on plain HTTP, bound to one loopback port.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { answersHttp, projectRoot, resolvePort, startManagedProcess, type EmulatorHandle } from './process';
import { localAccountId, localRegion } from './sdk-env';

export interface KinesisLocalOptions {
  host?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /** Streams live in this account unless a request signs with another 12-digit access key id. */
  accountId?: string;
  region?: string;
  /**
   * How long CreateStream, StartStreamEncryption, UpdateShardCount, ... keep a stream out of ACTIVE. AWS takes seconds;
   * a few milliseconds still exercises the CREATING/UPDATING waits while keeping tests fast.
   */
  transitionMs?: number;
  /** Log file name under .local/logs (default "kinesis-local"). */
  name?: string;
  readyTimeoutMs?: number;
}

export interface KinesisLocalHandle extends EmulatorHandle {
  accountId: string;
}

const packageDir = join(projectRoot, 'node_modules', 'kinesis-local');

/**
 * Runs kinesis-local's entry in a Node wrapper that (1) exits when stdin reaches EOF, i.e. when our process dies, and
 * (2) binds every server it opens to the given host: kinesis-local has no host setting and listens on all interfaces.
 * Its TLS server cannot be turned off, so it gets port 0 (some free loopback port) and is never used.
 */
const kinesisLocalWrapper = `
const [entry, host] = process.argv.slice(1);
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] !== 'number') return listen.apply(this, args);
  return listen.call(this, args[0], host, args.find((arg) => typeof arg === 'function'));
};
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
require(entry);
`;

/** Transitional operations kinesis-local delays, by the variable that sets each delay. */
const transitionVariables = [
  'CREATE_STREAM_DURATION',
  'DELETE_STREAM_DURATION',
  'REGISTER_STREAM_CONSUMER_DURATION',
  'DEREGISTER_STREAM_CONSUMER_DURATION',
  'START_STREAM_ENCRYPTION_DURATION',
  'STOP_STREAM_ENCRYPTION_DURATION',
  'MERGE_SHARDS_DURATION',
  'SPLIT_SHARD_DURATION',
  'UPDATE_SHARD_COUNT_DURATION',
  'UPDATE_STREAM_MODE_DURATION',
];

export async function startKinesisLocal(options: KinesisLocalOptions = {}): Promise<KinesisLocalHandle> {
  const entry = join(packageDir, 'main.js');
  if (!existsSync(entry)) throw new Error(`kinesis-local is not installed (${entry} is missing); run \`npm ci\`.`);
  const host = options.host ?? '127.0.0.1';
  const port = await resolvePort(host, options.port);
  const accountId = options.accountId ?? localAccountId;
  const endpoint = `http://${host}:${port}`;
  const transition = `${options.transitionMs ?? 20}ms`;
  const managed = await startManagedProcess({
    name: options.name ?? 'kinesis-local',
    command: process.execPath,
    args: ['-e', kinesisLocalWrapper, entry, host],
    env: {
      ...process.env,
      KINESIS_MOCK_CERT_PATH: join(packageDir, 'server.json'),
      KINESIS_MOCK_PLAIN_PORT: String(port),
      KINESIS_MOCK_TLS_PORT: '0',
      AWS_ACCOUNT_ID: accountId,
      AWS_REGION: options.region ?? localRegion,
      // AWS's default quotas (us-east-1), instead of the emulator's lower 50 shards / 10 on-demand streams.
      SHARD_LIMIT: '500',
      ON_DEMAND_STREAM_COUNT_LIMIT: '50',
      SHOULD_PERSIST_DATA: 'false',
      LOG_LEVEL: 'WARN',
      ...Object.fromEntries(transitionVariables.map((variable) => [variable, transition])),
    },
    isReady: () => answersHttp(endpoint),
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { ...managed, endpoint, accountId };
}
