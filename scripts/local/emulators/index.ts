// Starts the emulators of the local cloud (moto + a Kinesis backend) and hands back the SDK environment that reaches them.
import type { Stoppable } from '../types';
import { startKinesisLocal, type KinesisLocalHandle } from './kinesis-local';
import { startMoto, type MotoHandle } from './moto';
import { localAccountId, localRegion, sdkEnvironment, type LocalSdkEnvironment } from './sdk-env';

export { startKinesisLocal, type KinesisLocalHandle, type KinesisLocalOptions } from './kinesis-local';
export { startMoto, type MotoHandle, type MotoOptions } from './moto';
export { isProcessAlive, type EmulatorHandle } from './process';
export { localAccountId, localRegion, sdkEnvironment, type LocalSdkEnvironment } from './sdk-env';

/**
 * kinesis-local: AWS-shaped sequence numbers, enhanced fan-out (SubscribeToShard), the engine LocalStack ships.
 * moto: one process less and faster puts, but small-integer sequence numbers and no SubscribeToShard.
 */
export type KinesisBackend = 'kinesis-local' | 'moto';

export interface EmulatorOptions {
  kinesisBackend?: KinesisBackend;
  host?: string;
  region?: string;
  accountId?: string;
  motoPort?: number;
  kinesisPort?: number;
  /** Suffix for log file names, so parallel test workers do not share one log. */
  logSuffix?: string;
}

export interface RunningEmulators extends Stoppable {
  accountId: string;
  region: string;
  kinesisBackend: KinesisBackend;
  moto: MotoHandle;
  /** Absent when moto serves Kinesis too. */
  kinesisLocal?: KinesisLocalHandle;
  sdkEnv: LocalSdkEnvironment;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  const kinesisBackend = options.kinesisBackend ?? 'kinesis-local';
  const accountId = options.accountId ?? localAccountId;
  const region = options.region ?? localRegion;
  const host = options.host ?? '127.0.0.1';
  const suffix = options.logSuffix ? `-${options.logSuffix}` : '';
  const [moto, kinesisLocal] = await Promise.allSettled([
    startMoto({ host, port: options.motoPort, accountId, name: `moto${suffix}` }),
    kinesisBackend === 'kinesis-local'
      ? startKinesisLocal({ host, port: options.kinesisPort, accountId, region, name: `kinesis-local${suffix}` })
      : Promise.resolve(undefined),
  ]);
  if (moto.status === 'rejected' || kinesisLocal.status === 'rejected') {
    await Promise.all([settledValue(moto)?.stop(), settledValue(kinesisLocal)?.stop()]);
    throw firstRejection([moto, kinesisLocal]);
  }
  const kinesisEndpoint = kinesisLocal.value?.endpoint ?? moto.value.endpoint;
  return {
    accountId,
    region,
    kinesisBackend,
    moto: moto.value,
    kinesisLocal: kinesisLocal.value,
    sdkEnv: sdkEnvironment({ motoEndpoint: moto.value.endpoint, kinesisEndpoint, region, accountId }),
    stop: async () => {
      await Promise.all([moto.value.stop(), kinesisLocal.value?.stop()]);
    },
  };
}

function settledValue<T>(result: PromiseSettledResult<T>): T | undefined {
  return result.status === 'fulfilled' ? result.value : undefined;
}

function firstRejection(results: PromiseSettledResult<unknown>[]): unknown {
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  return rejected?.reason;
}
