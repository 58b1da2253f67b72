// Unit tests: the streams shown, read from the function's environment, failing at init with every missing name.
import { dashboardStreamsFromEnv } from '../../../../shared/dashboard/dashboard-streams';

it('reads each domain stream and its consumer function', () => {
  const env = {
    CLICKSTREAM_STREAM_NAME: 'c',
    CLICKSTREAM_CONSUMER_FUNCTION_NAME: 'cf',
    IOT_STREAM_NAME: 'i',
    IOT_CONSUMER_FUNCTION_NAME: 'if',
    PAYMENTS_STREAM_NAME: 'p',
    PAYMENTS_CONSUMER_FUNCTION_NAME: 'pf',
  };
  expect(dashboardStreamsFromEnv(env)).toEqual([
    { domain: 'clickstream', streamName: 'c', consumerFunctionName: 'cf' },
    { domain: 'iot', streamName: 'i', consumerFunctionName: 'if' },
    { domain: 'payments', streamName: 'p', consumerFunctionName: 'pf' },
  ]);
});

it('names every missing variable', () => {
  expect(() => dashboardStreamsFromEnv({ CLICKSTREAM_STREAM_NAME: 'c', IOT_STREAM_NAME: '' })).toThrow(
    'Invalid configuration: CLICKSTREAM_CONSUMER_FUNCTION_NAME is not set; IOT_STREAM_NAME is not set; IOT_CONSUMER_FUNCTION_NAME is not set; PAYMENTS_STREAM_NAME is not set; PAYMENTS_CONSUMER_FUNCTION_NAME is not set',
  );
});
