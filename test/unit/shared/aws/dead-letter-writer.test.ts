// Unit tests: dead-letter serialisation within the SQS size limit and the SQS writer.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createSqsDeadLetterWriter, serializeDeadLetter, type DeadLetter } from '../../../../shared/aws/dead-letter-writer';

const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'eu-west-1' });

const letter = (data: string, overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  reason: 'invalid-json',
  source: {
    eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clickstream',
    shardId: 'shardId-000000000000',
    sequenceNumber: '42',
    partitionKey: 'session-1',
    approximateArrivalTimestamp: 1793614531.123,
  },
  data,
  function: 'clickstream-consume',
  at: '2026-11-02T10:15:31.000Z',
  ...overrides,
});

beforeEach(() => sqs.reset());

describe('serializeDeadLetter', () => {
  it('keeps a letter that fits as it is', () => {
    const small = letter(Buffer.from('{oops').toString('base64'));
    expect(JSON.parse(serializeDeadLetter(small))).toEqual(small);
  });

  it('cuts the data of an oversized letter at a base64 boundary and marks it', () => {
    const raw = Buffer.alloc(1_048_576, 7);
    const long = 'a'.repeat(5_000);
    const big = letter(raw.toString('base64'), { errors: Array.from({ length: 40 }, () => ({ path: long, message: long })) });

    const body = serializeDeadLetter(big, 262_144);
    const parsed = JSON.parse(body) as DeadLetter;

    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(262_144);
    expect(parsed).toMatchObject({ dataTruncated: true, dataBytes: 1_048_576, source: big.source, reason: 'invalid-json' });
    expect(parsed.data.length % 4).toBe(0);
    expect(big.data.startsWith(parsed.data)).toBe(true);
    expect(parsed.errors).toHaveLength(20);
  });
});

describe('createSqsDeadLetterWriter', () => {
  it('sends each letter as one message and returns the ones that failed', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'm0', MD5OfMessageBody: '' }],
      Failed: [{ Id: '1', SenderFault: true, Code: 'AccessDenied' }],
    });
    const writer = createSqsDeadLetterWriter(client, { queueUrl: 'https://queue' });
    const first = letter('AA==');
    const second = letter('AQ==', { reason: 'schema-validation' });

    const failures = await writer.write([first, second]);

    const sent = sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input;
    expect(sent?.QueueUrl).toBe('https://queue');
    expect(sent?.Entries?.map((e) => JSON.parse(e.MessageBody ?? '') as unknown)).toEqual([first, second]);
    expect(failures).toEqual([{ letter: second, errorCode: 'AccessDenied' }]);
  });

  it('makes no call for no letters', async () => {
    expect(await createSqsDeadLetterWriter(client, { queueUrl: 'https://queue' }).write([])).toEqual([]);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });
});
