// Unit tests: one SNS message per video alert, JSON body, filterable attributes, a subject that fits SNS's 100 characters.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createSnsAlertPublisher } from '../../../../shared/aws/sns-alert-publisher';
import type { VideoAlertMessage } from '../../../../shared/events/camera';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:video-alerts';
const publisher = createSnsAlertPublisher(new SNSClient({ region: 'eu-west-1' }), { topicArn: TOPIC });
const message: VideoAlertMessage = {
  schemaVersion: 1,
  cameraId: 'front-door',
  cameraName: 'Front door',
  label: 'Person',
  alertId: '2026-11-02T10:00:00.000Z#label-detected#Person',
  severity: 'high',
  eventId: 'motion-1',
  windowStartAt: '2026-11-02T10:00:00.000Z',
  occurredAt: '2026-11-02T10:00:01.000Z',
  confidence: 99.1,
  frameKeys: ['video/frames/front-door/2026-11-02/motion-1/1793613601000.png'],
  reasons: ['Person seen in 1 frame(s), confidence up to 99.1%'],
};

beforeEach(() => sns.reset());

describe('SNS alert publisher', () => {
  it('publishes the message as JSON with camera, label and severity attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await publisher.publish(message);

    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      TopicArn: TOPIC,
      Subject: 'Person on camera front-door',
      Message: JSON.stringify(message),
      MessageAttributes: {
        cameraId: { DataType: 'String', StringValue: 'front-door' },
        label: { DataType: 'String', StringValue: 'Person' },
        severity: { DataType: 'String', StringValue: 'high' },
      },
    });
  });

  it('cuts the subject to 100 characters and lets a failed publish reject (the record is retried)', async () => {
    sns.on(PublishCommand).resolvesOnce({}).rejectsOnce(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }));
    const longLabel = { ...message, label: 'L'.repeat(100) };

    await publisher.publish(longLabel);
    await expect(publisher.publish(message)).rejects.toMatchObject({ name: 'ThrottlingException' });

    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toHaveLength(100);
  });
});
