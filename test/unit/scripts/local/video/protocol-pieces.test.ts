// Page tokens, fault queues and request field checks shared by the video fakes.
import { FaultQueue } from '../../../../../scripts/local/video/faults';
import { decodePageToken, encodePageToken } from '../../../../../scripts/local/video/page-token';
import { RequestFields } from '../../../../../scripts/local/video/request-fields';
import { ServiceError, statusForCode } from '../../../../../scripts/local/video/service-error';

/** The ServiceError a call throws (fails the test when it throws none). */
function thrownBy(call: () => unknown): ServiceError {
  try {
    call();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

describe('page tokens', () => {
  it('round-trip the offset within their scope', () => {
    expect(decodePageToken(encodePageToken('ListStreams/', 25), 'ListStreams/', 'InvalidArgumentException')).toBe(25);
    expect(decodePageToken(undefined, 'ListStreams/', 'InvalidArgumentException')).toBe(0);
  });

  it('refuse a token from another listing or garbage, with the given code', () => {
    const token = encodePageToken('GetImages/a', 3);
    expect(thrownBy(() => decodePageToken(token, 'GetImages/b', 'InvalidArgumentException')).code).toBe('InvalidArgumentException');
    expect(thrownBy(() => decodePageToken('%%%', 'x', 'InvalidPaginationTokenException')).code).toBe('InvalidPaginationTokenException');
  });
});

describe('FaultQueue', () => {
  it('fails exactly the next N calls of one operation, in the order queued', () => {
    const faults = new FaultQueue();
    faults.failNext('DetectLabels', 2, 'ThrottlingException');
    faults.failNext('DetectLabels', 1, 'InternalServerError');
    const outcomes = [1, 2, 3, 4].map(() => {
      try {
        faults.throwIfFaulted('DetectLabels');
        return 'ok';
      } catch (error) {
        return error instanceof ServiceError ? `${error.code}/${error.statusCode}` : 'other';
      }
    });
    expect(outcomes).toEqual(['ThrottlingException/400', 'ThrottlingException/400', 'InternalServerError/500', 'ok']);
    expect(() => faults.throwIfFaulted('DetectFaces')).not.toThrow();
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => new FaultQueue().failNext('GetImages', 0, 'ClientLimitExceededException')).toThrow(/positive integer/);
  });
});

describe('RequestFields', () => {
  it('narrows fields and names the bad one in the service error code', () => {
    const fields = RequestFields.of({ Name: 'a', Count: 5, Kind: 'PNG' }, 'InvalidParameterException');
    expect(fields.requiredString('Name')).toBe('a');
    expect(fields.optionalInteger('Count', 1, 10)).toBe(5);
    expect(fields.requiredEnum('Kind', ['PNG', 'JPEG'] as const)).toBe('PNG');
    expect(() => fields.optionalInteger('Count', 6, 10)).toThrow(/Count must be an integer from 6 to 10/);
    expect(thrownBy(() => fields.requiredString('Missing')).code).toBe('InvalidParameterException');
  });

  it('gives AWS statuses to error codes', () => {
    expect(statusForCode('ResourceNotFoundException')).toBe(404);
    expect(statusForCode('InternalServerError')).toBe(500);
    expect(statusForCode('ProvisionedThroughputExceededException')).toBe(400);
  });
});
