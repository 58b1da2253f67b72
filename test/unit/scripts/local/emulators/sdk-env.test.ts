// The SDK environment of the local cloud: one account everywhere, Kinesis routed separately.
import { localAccountId, sdkEnvironment } from '../../../../../scripts/local/emulators/sdk-env';

it('points the SDK at moto, Kinesis at its own endpoint, with the account id as access key', () => {
  expect(sdkEnvironment({ motoEndpoint: 'http://127.0.0.1:1', kinesisEndpoint: 'http://127.0.0.1:2', region: 'eu-west-1' })).toEqual({
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
    AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:2',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: localAccountId,
    AWS_SECRET_ACCESS_KEY: 'local-cloud-secret',
  });
});
