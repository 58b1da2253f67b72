// Which backend the SDK endpoint variables select, and the URL a deployed REST API stage answers on.
import { backendFromEndpoint, restApiUrl } from '../../../../scripts/stack/deployed-stack';

describe('backendFromEndpoint', () => {
  test('no endpoint override means AWS', () => {
    expect(backendFromEndpoint({})).toBe('aws');
  });
  test.each(['http://127.0.0.1:4566', 'http://localhost.localstack.cloud:4566', 'https://s3.localhost.localstack.cloud'])('%s is LocalStack', (endpoint) => {
    expect(backendFromEndpoint({ AWS_ENDPOINT_URL: endpoint })).toBe('localstack');
  });
  test('any other endpoint is refused rather than guessed', () => {
    expect(() => backendFromEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toThrow(/neither LocalStack/);
  });
});

describe('restApiUrl', () => {
  test('AWS: the execute-api host of the region', () => {
    expect(restApiUrl('aws', 'abc123', 'dev', 'eu-west-1')).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/dev');
  });
  test('LocalStack: the edge path form, which needs no wildcard DNS', () => {
    expect(restApiUrl('localstack', 'abc123', 'local', 'us-east-1', 'http://127.0.0.1:4566/')).toBe('http://127.0.0.1:4566/restapis/abc123/local/_user_request_');
  });
});
