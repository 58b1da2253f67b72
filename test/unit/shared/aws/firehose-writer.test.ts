// Unit tests: PutRecordBatch with retry of failed records, and the Firehose event archive.
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import { createFirehoseArchive, putRecordBatchWithRetry } from '../../../../shared/aws/firehose-writer';
import { instantRetryPolicy } from '../fixtures/clickstream';

const firehose = mockClient(FirehoseClient);
const client = new FirehoseClient({ region: 'eu-west-1' });
const retryPolicy = instantRetryPolicy(3);
const options = { deliveryStreamName: 'clickstream-archive', retryPolicy };
const sentData = (call: number) =>
  firehose.commandCalls(PutRecordBatchCommand)[call]?.args[0].input.Records?.map((r) => Buffer.from(r.Data ?? []).toString());

beforeEach(() => firehose.reset());

describe('putRecordBatchWithRetry', () => {
  it('resends only failed records (FailedPutCount > 0 on HTTP 200)', async () => {
    firehose
      .on(PutRecordBatchCommand)
      .resolvesOnce({
        FailedPutCount: 1,
        RequestResponses: [{ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }, { RecordId: 'r2' }],
      })
      .resolvesOnce({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r1' }] });
    const encode = (text: string) => ({ data: Buffer.from(text) });

    const report = await putRecordBatchWithRetry(client, [encode('one'), encode('two')], options);

    expect(sentData(1)).toEqual(['one']);
    expect(report.succeeded.map((s) => s.value)).toEqual(['r2', 'r1']);
    expect(report.failed).toEqual([]);
  });

  it('does not send a record over 1,000 KiB and reports it', async () => {
    const report = await putRecordBatchWithRetry(client, [{ data: new Uint8Array(1_024_001) }], options);
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(0);
    expect(report.failed.map((f) => f.errorCode)).toEqual(['RecordTooLarge']);
  });
});

describe('createFirehoseArchive', () => {
  it('writes one JSON object per record without a trailing newline and returns final failures by id', async () => {
    firehose.on(PutRecordBatchCommand).callsFake((input: { Records: unknown[] }) => ({
      FailedPutCount: 1,
      RequestResponses: input.Records.map((_, index) =>
        index === input.Records.length - 1 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'x' } : { RecordId: `r${index}` },
      ),
    }));
    const archive = createFirehoseArchive(client, options);

    const failures = await archive.append([
      { id: '7', event: { eventId: 'a', occurredAt: '2026-11-02T10:15:30.123Z' } },
      { id: '8', event: { eventId: 'b' } },
    ]);

    expect(sentData(0)).toEqual(['{"eventId":"a","occurredAt":"2026-11-02T10:15:30.123Z"}', '{"eventId":"b"}']);
    expect(failures).toEqual([{ id: '8', errorCode: 'InternalFailure', errorMessage: 'x' }]);
  });
});
