// LocalStack readiness: up, with the project's ready-stage init hook run successfully; anything else is a clear problem.
import { localStackEnv, readinessProblem } from '../../../../scripts/localstack/localstack';

const health = { services: { kinesis: 'running', dynamodb: 'available' } };
const hook = (state: string) => ({ scripts: [{ stage: 'READY', name: '10-check-services.sh', state }] });

describe('readinessProblem', () => {
  test('ready once the init hook succeeded', () => {
    expect(readinessProblem(health, hook('SUCCESSFUL'))).toBeUndefined();
  });
  test('a failed hook means a required service is missing in this image', () => {
    expect(readinessProblem(health, hook('ERROR'))).toMatch(/missing/);
  });
  test('a hook still running is reported as such', () => {
    expect(readinessProblem(health, hook('RUNNING'))).toBe('the init hook is RUNNING');
  });
  test('no hook means LocalStack was not started from docker-compose.yml', () => {
    expect(readinessProblem(health, { scripts: [] })).toMatch(/did not run/);
  });
  test('an answer without services is not LocalStack health', () => {
    expect(readinessProblem({}, hook('SUCCESSFUL'))).toMatch(/service list/);
  });
});

test('the SDK environment points every client at the edge port with test credentials', () => {
  expect(localStackEnv('http://127.0.0.1:4566')).toMatchObject({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_ACCESS_KEY_ID: 'test', AWS_REGION: 'us-east-1' });
});
