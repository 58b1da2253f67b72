// Partial batch failures: failed entries are never forwarded, and the answer lists them at their request index.
import { identifyCall, planEntryFailures, throttleResponse, type AwsCall } from '../../../../../scripts/local/faults/aws-json-faults';
import { seededRandom } from '../../../../../scripts/local/faults/seeded-random';

const call = (service: string, operation: string): AwsCall => ({ service, operation, key: `${service}.${operation}` });
/** Fails exactly the entries whose index is listed, in the order the plan asks. */
const failing = (indexes: number[]) => {
  let asked = -1;
  return { accountId: '123456789012', random: { ...seededRandom(1), chance: () => indexes.includes(++asked) } };
};

describe('identifyCall', () => {
  test('reads the signing service from the credential scope and the operation from X-Amz-Target', () => {
    expect(
      identifyCall({
        authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260726/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=abc',
        'x-amz-target': 'Kinesis_20131202.PutRecords',
      }),
    ).toEqual(call('kinesis', 'PutRecords'));
    expect(identifyCall({ 'x-amz-target': 'Kinesis_20131202.PutRecords' })).toBeUndefined();
  });
});

describe('planEntryFailures', () => {
  test('PutRecords forwards only the survivors and merges failures back at their indexes', () => {
    const request = { StreamName: 'clicks', Records: ['a', 'b', 'c', 'd'].map((key) => ({ PartitionKey: key, Data: 'eA==' })) };
    const plan = planEntryFailures(call('kinesis', 'PutRecords'), request, 0.5, failing([1, 3]));
    expect(plan?.forward).toEqual({ StreamName: 'clicks', Records: [request.Records[0], request.Records[2]] });
    const merged = plan?.merge({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's0' }, { SequenceNumber: '2', ShardId: 's0' }] });
    expect(merged?.FailedRecordCount).toBe(2);
    const records = merged?.Records as Array<Record<string, string>>;
    expect(records.map((record) => record.SequenceNumber ?? record.ErrorCode)).toEqual(['1', expect.any(String), '2', expect.any(String)]);
    expect(records[1]?.ErrorCode).toMatch(/^(ProvisionedThroughputExceededException|InternalFailure)$/);
  });

  test('when every entry fails nothing is forwarded', () => {
    const request = { DeliveryStreamName: 'archive', Records: [{ Data: 'eA==' }, { Data: 'eQ==' }] };
    const plan = planEntryFailures(call('firehose', 'PutRecordBatch'), request, 1, failing([0, 1]));
    expect(plan?.forward).toBeUndefined();
    const merged = plan?.merge(undefined);
    expect(merged?.FailedPutCount).toBe(2);
    expect((merged?.RequestResponses as Array<{ ErrorCode?: string }>).map((entry) => typeof entry.ErrorCode)).toEqual(['string', 'string']);
  });

  test('BatchGetItem returns the dropped keys in UnprocessedKeys with the table read options', () => {
    const request = { RequestItems: { devices: { Keys: [{ deviceId: 'a' }, { deviceId: 'b' }], ConsistentRead: true } } };
    const plan = planEntryFailures(call('dynamodb', 'BatchGetItem'), request, 0.5, failing([0]));
    expect(plan?.forward).toEqual({ RequestItems: { devices: { Keys: [{ deviceId: 'b' }], ConsistentRead: true } } });
    expect(plan?.merge({ Responses: { devices: [] } })).toEqual({
      Responses: { devices: [] },
      UnprocessedKeys: { devices: { Keys: [{ deviceId: 'a' }], ConsistentRead: true } },
    });
  });

  test('BatchWriteItem returns the dropped writes in UnprocessedItems', () => {
    const writes = [{ PutRequest: { Item: { id: 'a' } } }, { DeleteRequest: { Key: { id: 'b' } } }];
    const plan = planEntryFailures(call('dynamodb', 'BatchWriteItem'), { RequestItems: { t: writes } }, 0.5, failing([1]));
    expect(plan?.forward).toEqual({ RequestItems: { t: [writes[0]] } });
    expect(plan?.merge({ UnprocessedItems: {} })).toEqual({ UnprocessedItems: { t: [writes[1]] } });
  });

  test('no plan when no entry was picked, and none for calls without per-entry answers', () => {
    expect(planEntryFailures(call('kinesis', 'PutRecords'), { Records: [{}] }, 0.5, failing([]))).toBeUndefined();
    expect(planEntryFailures(call('dynamodb', 'PutItem'), { Item: {} }, 1, failing([0]))).toBeUndefined();
  });
});

describe('throttleResponse', () => {
  test('answers each service with its own throttling error', () => {
    const random = seededRandom(7);
    const kinesis = throttleResponse(call('kinesis', 'GetRecords'), { StreamARN: 'arn:aws:kinesis:us-east-1:1:stream/clicks' }, '123456789012', random);
    expect([kinesis?.status, kinesis?.errorType]).toEqual([400, 'ProvisionedThroughputExceededException']);
    expect(kinesis?.body).toContain('clicks');
    expect(throttleResponse(call('dynamodb', 'PutItem'), {}, '1', random)?.errorType).toMatch(/ProvisionedThroughputExceededException|ThrottlingException/);
    expect(throttleResponse(call('firehose', 'PutRecordBatch'), {}, '1', random)?.errorType).toBe('ServiceUnavailableException');
    expect(throttleResponse(call('s3', 'GetObject'), {}, '1', random)).toBeUndefined();
  });
});
