// Telling a refused key from a missing route, and the messages panels show on failure.
import { ApiError, describeFailure, failureOutcome, isKeyRejected } from '../../../../dashboard/src/model/panel-state';

test('API Gateway 403s: a wrong key versus a route the stack does not have', () => {
  const wrongKey = new ApiError('/iot/devices', 403, { message: 'Forbidden' });
  const noRoute = new ApiError('/cameras', 403, { message: 'Missing Authentication Token' });
  expect(isKeyRejected(wrongKey)).toBe(true);
  expect(isKeyRejected(noRoute)).toBe(false);
  expect(describeFailure(noRoute)).toBe('/cameras is not part of this stack yet');
  expect(describeFailure(wrongKey)).toMatch(/key was refused/);
});

test('other failures name the path and the status, or the network', () => {
  expect(describeFailure(new ApiError('/alerts?domain=iot', 500, { message: 'Internal error' }))).toBe('/alerts?domain=iot answered 500: Internal error');
  expect(describeFailure(new ApiError('/x', 502, 'Bad gateway'))).toBe('/x answered 502');
  expect(describeFailure(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  expect(failureOutcome(new Error('boom'))).toEqual({ state: 'error', message: 'boom' });
});
