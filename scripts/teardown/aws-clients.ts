// The SDK clients teardown uses, for one region; endpoints and credentials come from the standard AWS environment.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { keepAliveHttpHandler } from '../../shared/aws/clients';

export interface TeardownClients {
  cloudFormation: CloudFormationClient;
  kinesisAnalytics: KinesisAnalyticsV2Client;
  kinesisVideo: KinesisVideoClient;
  rekognition: RekognitionClient;
  s3: S3Client;
  destroy(): void;
}

export function createTeardownClients(region: string): TeardownClients {
  const config = { region, requestHandler: keepAliveHttpHandler() };
  const clients = {
    cloudFormation: new CloudFormationClient(config),
    kinesisAnalytics: new KinesisAnalyticsV2Client(config),
    kinesisVideo: new KinesisVideoClient(config),
    rekognition: new RekognitionClient(config),
    s3: new S3Client(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}
