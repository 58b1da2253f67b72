// Unit tests: SendMessageBatch with retry of failed messages, sender faults and size limits.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { sendMessagesWithRetry } from '../../../../shared/aws/sqs-sender';
import { instantRetryPolicy } from '../fixtures/clickstream';

const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'eu-west-1' });
const retryPolicy = instantRetryPolicy(3);
const options = { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq', retryPolicy };
const bodies = (call: number) => sqs.commandCalls(SendMessageBatchCommand)[call]?.args[0].input.Entries?.map((e) => e.MessageBody);

beforeEach(() => sqs.reset());

describe('sendMessagesWithRetry', () => {
  it('sends batches of 10 and resends failures that are not the sender’s fault', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: Array.from({ length: 9 }, (_, i) => ({ Id: String(i + 1), MessageId: `m${i + 1}`, MD5OfMessageBody: '' })),
        Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }],
      })
      .resolves({ Successful: [{ Id: '0', MessageId: 'again', MD5OfMessageBody: '' }], Failed: [] });
    const messages = Array.from({ length: 10 }, (_, i) => ({ body: `b${i}` }));

    const report = await sendMessagesWithRetry(client, messages, options);

    expect(bodies(0)).toHaveLength(10);
    expect(bodies(1)).toEqual(['b0']);
    expect(report.failed).toEqual([]);
    expect(report.succeeded).toHaveLength(10);
  });

  it('does not resend a sender fault and reports it', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', SenderFault: true, Code: 'InvalidMessageContents', Message: 'bad char' }],
    });
    const report = await sendMessagesWithRetry(client, [{ body: 'x' }], options);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    expect(report.failed).toEqual([{ entry: { body: 'x' }, errorCode: 'InvalidMessageContents', errorMessage: 'bad char' }]);
  });

  it('splits by the 256 KiB request size', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => ({
      Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })),
      Failed: [],
    }));
    await sendMessagesWithRetry(client, [{ body: 'a'.repeat(200_000) }, { body: 'b'.repeat(100_000) }], options);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
  });
});
