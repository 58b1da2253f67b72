// Which part of the local cloud stands in for each resource type: an emulator, the local cloud's own pieces, or nothing.
import type { ResolvedResource } from '../types';
import { provisionAthenaNamedQuery, provisionAthenaWorkGroup } from './athena';
import type { ResourceProvisioner } from './context';
import { provisionDynamoDbTable } from './dynamodb-table';
import { provisionGlueDatabase, provisionGlueTable } from './glue-catalog';
import { provisionKinesisStream } from './kinesis-stream';
import { provisionS3Bucket } from './s3-bucket';
import { provisionSnsSubscription, provisionSnsTopic } from './sns-topic';
import { provisionSqsQueue } from './sqs-queue';
import { provisionRekognitionCollection } from '../video/provision-collection';

/** Types an emulator hosts: created there by these provisioners. */
const provisioners: Readonly<Record<string, ResourceProvisioner>> = {
  'AWS::Kinesis::Stream': provisionKinesisStream,
  'AWS::DynamoDB::Table': provisionDynamoDbTable,
  'AWS::SQS::Queue': provisionSqsQueue,
  'AWS::SNS::Topic': provisionSnsTopic,
  'AWS::SNS::Subscription': provisionSnsSubscription,
  'AWS::S3::Bucket': provisionS3Bucket,
  'AWS::Glue::Database': provisionGlueDatabase,
  'AWS::Glue::Table': provisionGlueTable,
  'AWS::Athena::WorkGroup': provisionAthenaWorkGroup,
  'AWS::Athena::NamedQuery': provisionAthenaNamedQuery,
  // Served by the local Rekognition fake (scripts/local/video), not by moto.
  'AWS::Rekognition::Collection': provisionRekognitionCollection,
};

/** The provisioner that creates this resource in an emulator, if one does. */
export function provisionerFor(resource: Pick<ResolvedResource, 'logicalId' | 'type'>): ResourceProvisioner | undefined {
  return resource.logicalId === deploymentBucketId ? undefined : provisioners[resource.type];
}

/** Types the local cloud serves itself (function host, event-source pollers, Firehose delivery, API serving). */
export function isServedByLocalCloud(type: string): boolean {
  return (
    ['AWS::Lambda::Function', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Permission', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::Events::Rule'].includes(type) ||
    type.startsWith('AWS::ApiGateway::') ||
    type.startsWith('AWS::ApiGatewayV2::')
  );
}

/** The framework's own artifacts bucket; its logical id is fixed by Serverless Framework / osls. */
const deploymentBucketId = 'ServerlessDeploymentBucket';

/** Why a resource is not created locally, for resources that neither an emulator nor the local cloud stands in for. */
export function skipReason(resource: Pick<ResolvedResource, 'logicalId' | 'type'>): string {
  const { logicalId, type } = resource;
  if (logicalId === deploymentBucketId) return 'holds deployment packages; the local cloud runs functions from source';
  if (type === 'AWS::S3::BucketPolicy') {
    return 'moto enforces bucket policies but ignores their Conditions, so a TLS-only Deny (aws:SecureTransport) would block every local call';
  }
  if (type.startsWith('AWS::IAM::')) return 'IAM is not enforced locally: every call is allowed (role ARNs are still resolved and passed on)';
  if (type.startsWith('AWS::KinesisAnalyticsV2::')) {
    return 'Managed Flink is not emulated: npm start runs the same Flink SQL job on a local MiniCluster when Java is available';
  }
  if (type.startsWith('AWS::Logs::')) return 'CloudWatch Logs is not emulated: function output goes to the local cloud log';
  if (type === 'AWS::SQS::QueuePolicy' || type === 'AWS::SNS::TopicPolicy') return 'resource policies are not enforced locally';
  if (type === 'AWS::KMS::Key') return 'the emulators do not encrypt at rest: to them a key id is only a name';
  if (type === 'AWS::CloudWatch::Alarm') return 'alarms are not evaluated locally: the dashboard shows the lag and stream metrics they watch';
  return `no local emulation for ${type}`;
}
