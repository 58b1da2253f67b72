// OnFailure destinations over the AWS SDK: SQS (SendMessage to the queue URL the backend reports) and SNS (Publish).
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { createSqsClient, keepAliveHttpHandler } from '../../../shared/aws/clients';
import type { OnFailureDestination } from './on-failure';

const SQS_QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:(\d{12}):(.+)$/;

export class SqsOnFailureDestination implements OnFailureDestination {
  private readonly queueUrls = new Map<string, Promise<string>>();

  constructor(private readonly client: SQSClient = createSqsClient()) {}

  async send(queueArn: string, message: string): Promise<void> {
    const queueUrl = await this.queueUrl(queueArn);
    await this.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message }));
  }

  /** The backend's own URL for the queue: with endpoint env vars the SQS client sends to the QueueUrl's host. */
  private queueUrl(queueArn: string): Promise<string> {
    const cached = this.queueUrls.get(queueArn);
    if (cached !== undefined) return cached;
    const lookup = this.lookUpQueueUrl(queueArn);
    this.queueUrls.set(queueArn, lookup);
    lookup.catch(() => this.queueUrls.delete(queueArn));
    return lookup;
  }

  private async lookUpQueueUrl(queueArn: string): Promise<string> {
    const [, accountId, queueName] = SQS_QUEUE_ARN.exec(queueArn) ?? [];
    if (queueName === undefined) throw new Error(`Not an SQS queue ARN: ${queueArn}`);
    const { QueueUrl } = await this.client.send(new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: accountId }));
    if (QueueUrl === undefined) throw new Error(`GetQueueUrl returned no URL for ${queueArn}`);
    return QueueUrl;
  }
}

export class SnsOnFailureDestination implements OnFailureDestination {
  constructor(private readonly client: SNSClient = new SNSClient({ requestHandler: keepAliveHttpHandler() })) {}

  async send(topicArn: string, message: string): Promise<void> {
    await this.client.send(new PublishCommand({ TopicArn: topicArn, Message: message }));
  }
}

/** Sends to SQS or SNS according to the destination ARN's service. */
export function createAwsOnFailureDestination(
  destinations: { sqs?: OnFailureDestination; sns?: OnFailureDestination } = {},
): OnFailureDestination {
  const sqs = destinations.sqs ?? new SqsOnFailureDestination();
  const sns = destinations.sns ?? new SnsOnFailureDestination();
  return {
    send: (destinationArn, message) => {
      const service = destinationArn.split(':')[2];
      if (service === 'sqs') return sqs.send(destinationArn, message);
      if (service === 'sns') return sns.send(destinationArn, message);
      return Promise.reject(new Error(`Unsupported OnFailure destination: ${destinationArn}`));
    },
  };
}
