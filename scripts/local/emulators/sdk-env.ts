// The standard AWS SDK environment that points every client of the local cloud at the emulators.

/**
 * One account for every emulator: moto is pinned to it (MOTO_ACCOUNT_ID) and kinesis-local both defaults to it
 * (AWS_ACCOUNT_ID) and selects it from a 12-digit access key id, so ARNs agree across services.
 */
export const localAccountId = '123456789012';
export const localRegion = 'us-east-1';

export interface SdkEnvironmentInput {
  motoEndpoint: string;
  kinesisEndpoint: string;
  region?: string;
  accountId?: string;
}

/** Variables every SDK v3 client honours; AWS_ENDPOINT_URL_FIREHOSE is added by whoever serves Firehose. */
export interface LocalSdkEnvironment {
  AWS_ENDPOINT_URL: string;
  AWS_ENDPOINT_URL_KINESIS: string;
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  [name: string]: string;
}

export function sdkEnvironment(input: SdkEnvironmentInput): LocalSdkEnvironment {
  return {
    AWS_ENDPOINT_URL: input.motoEndpoint,
    AWS_ENDPOINT_URL_KINESIS: input.kinesisEndpoint,
    AWS_REGION: input.region ?? localRegion,
    // The access key id is the account id: kinesis-local namespaces streams by it.
    AWS_ACCESS_KEY_ID: input.accountId ?? localAccountId,
    AWS_SECRET_ACCESS_KEY: 'local-cloud-secret',
  };
}
