// AlertPublisher on SNS: one message per new video alert, with attributes subscribers can filter on.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertPublisher } from '../video/ports';

/**
 * Standard topic, so delivery is at-least-once: a subscriber de-duplicates on `alertId` (it is unique per camera,
 * label and window). The subject is for e-mail subscribers; the body is the JSON message.
 */
export function createSnsAlertPublisher(client: SNSClient, options: { topicArn: string }): AlertPublisher {
  return {
    async publish(message) {
      await client.send(
        new PublishCommand({
          TopicArn: options.topicArn,
          Subject: `${message.label} on camera ${message.cameraId}`.slice(0, 100),
          Message: JSON.stringify(message),
          MessageAttributes: {
            cameraId: { DataType: 'String', StringValue: message.cameraId },
            label: { DataType: 'String', StringValue: message.label },
            severity: { DataType: 'String', StringValue: message.severity },
          },
        }),
      );
    },
  };
}
