// Which resources are provisioned, served by the local cloud's own pieces, or skipped (and why).
import { endpointFor } from '../../../../../scripts/local/provision/clients';
import { isServedByLocalCloud, provisionerFor, skipReason } from '../../../../../scripts/local/provision/resource-roles';

it('provisions the types an emulator hosts, except the framework deployment bucket', () => {
  for (const type of ['AWS::Kinesis::Stream', 'AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::S3::Bucket', 'AWS::Glue::Table', 'AWS::Athena::NamedQuery']) {
    expect(provisionerFor({ logicalId: 'X', type })).toBeDefined();
  }
  expect(provisionerFor({ logicalId: 'ServerlessDeploymentBucket', type: 'AWS::S3::Bucket' })).toBeUndefined();
});

it('leaves functions, mappings, Firehose and API Gateway to the local cloud', () => {
  const served = ['AWS::Lambda::Function', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Permission', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route'];
  expect(served.filter(isServedByLocalCloud)).toEqual(served);
  expect(isServedByLocalCloud('AWS::IAM::Role')).toBe(false);
});

it('gives a reason for everything it skips', () => {
  expect(skipReason({ logicalId: 'P', type: 'AWS::S3::BucketPolicy' })).toMatch(/ignores their Conditions.*aws:SecureTransport/);
  expect(skipReason({ logicalId: 'R', type: 'AWS::IAM::Role' })).toMatch(/IAM is not enforced locally/);
  expect(skipReason({ logicalId: 'K', type: 'AWS::KMS::Key' })).toMatch(/do not encrypt at rest/);
  expect(skipReason({ logicalId: 'A', type: 'AWS::CloudWatch::Alarm' })).toMatch(/alarms are not evaluated locally/);
  expect(skipReason({ logicalId: 'L', type: 'AWS::Logs::LogGroup' })).toMatch(/CloudWatch Logs is not emulated/);
  expect(skipReason({ logicalId: 'ServerlessDeploymentBucket', type: 'AWS::S3::Bucket' })).toMatch(/runs functions from source/);
  expect(skipReason({ logicalId: 'V', type: 'AWS::EC2::VPC' })).toBe('no local emulation for AWS::EC2::VPC');
});

it('finds endpoints like the SDK: the service variable first, then AWS_ENDPOINT_URL, else an error', () => {
  const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:2' };
  expect([endpointFor(env, 'KINESIS'), endpointFor(env, 'SQS')]).toEqual(['http://127.0.0.1:2', 'http://127.0.0.1:1']);
  expect(() => endpointFor({}, 'S3')).toThrow('no endpoint for S3');
});
