// Unit tests: CreateStream settings, adopting an existing stream on retry, idempotent DeleteStream.
import { CreateStreamCommand, DeleteStreamCommand, DescribeStreamCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import { createKvsVideoStreams } from '../../../../shared/aws/kvs-video-streams';

const kvs = mockClient(KinesisVideoClient);
const streams = createKvsVideoStreams(new KinesisVideoClient({ region: 'eu-west-1' }));
const ARN = 'arn:aws:kinesisvideo:eu-west-1:123456789012:stream/cam/1';
const awsError = (name: string) => Object.assign(new Error(name), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const settings = { streamName: 'cam', retentionHours: 24, tags: { cameraId: 'front-door' } };

beforeEach(() => kvs.reset());

describe('KVS video streams', () => {
  it('creates an H.264 stream with retention, KMS and tags', async () => {
    kvs.on(CreateStreamCommand).resolves({ StreamARN: ARN });

    await expect(streams.createOrAdopt(settings)).resolves.toEqual({ streamName: 'cam', streamArn: ARN, status: 'CREATING' });
    expect(kvs.commandCalls(CreateStreamCommand)[0]?.args[0].input).toEqual({
      StreamName: 'cam',
      MediaType: 'video/h264',
      DataRetentionInHours: 24,
      KmsKeyId: 'alias/aws/kinesisvideo',
      Tags: { cameraId: 'front-door' },
    });
  });

  it('adopts the stream a previous attempt created', async () => {
    kvs.on(CreateStreamCommand).rejects(awsError('ResourceInUseException'));
    kvs.on(DescribeStreamCommand).resolves({ StreamInfo: { StreamName: 'cam', StreamARN: ARN, Status: 'ACTIVE' } });

    await expect(streams.createOrAdopt(settings)).resolves.toEqual({ streamName: 'cam', streamArn: ARN, status: 'ACTIVE' });
  });

  it('deletes by ARN, and does nothing for a missing or already deleting stream', async () => {
    kvs.on(DescribeStreamCommand).resolvesOnce({ StreamInfo: { StreamARN: ARN, Status: 'ACTIVE' } })
      .rejectsOnce(awsError('ResourceNotFoundException'))
      .resolvesOnce({ StreamInfo: { StreamARN: ARN, Status: 'DELETING' } });
    kvs.on(DeleteStreamCommand).resolves({});

    await streams.delete('cam');
    await streams.delete('cam');
    await streams.delete('cam');

    expect(kvs.commandCalls(DeleteStreamCommand).map((call) => call.args[0].input)).toEqual([{ StreamARN: ARN }]);
  });
});
