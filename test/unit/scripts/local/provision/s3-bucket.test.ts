// S3 bucket provisioning: CloudFormation's lifecycle and encryption shapes mapped to the S3 API's.
import {
  CreateBucketCommand,
  HeadBucketCommand,
  NotFound,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { lifecycleRule, provisionS3Bucket } from '../../../../../scripts/local/provision/s3-bucket';
import { resource, testContext } from './provision-context';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

describe('lifecycleRule', () => {
  it('maps prefix rules, transitions, noncurrent expiry and multipart abort', () => {
    expect(lifecycleRule({ Id: 'errors', Status: 'Enabled', Prefix: 'errors/', ExpirationInDays: 30 })).toMatchObject({
      ID: 'errors',
      Status: 'Enabled',
      Filter: { Prefix: 'errors/' },
      Expiration: { Days: 30 },
    });
    expect(lifecycleRule({ Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] })).toMatchObject({
      Filter: { Prefix: '' },
      Transitions: [{ StorageClass: 'STANDARD_IA', Days: 30 }],
    });
    expect(
      lifecycleRule({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ).toMatchObject({ NoncurrentVersionExpiration: { NoncurrentDays: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } });
  });

  it('combines several filter conditions with And', () => {
    expect(lifecycleRule({ Status: 'Enabled', Prefix: 'p/', TagFilters: [{ Key: 'k', Value: 'v' }], ExpirationInDays: 1 }).Filter).toEqual({
      And: { Prefix: 'p/', Tags: [{ Key: 'k', Value: 'v' }], ObjectSizeGreaterThan: undefined, ObjectSizeLessThan: undefined },
    });
  });
});

it('creates the bucket and applies encryption (ServerSideEncryptionByDefault → ApplyServerSideEncryptionByDefault), versioning, access block', async () => {
  s3.on(HeadBucketCommand).rejects(new NotFound({ message: 'no', $metadata: {} }));
  const context = testContext('eu-west-1');
  await provisionS3Bucket(
    resource('AWS::S3::Bucket', 'lake', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] },
    }),
    context,
  );
  expect(s3.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({ Bucket: 'lake', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
  expect(s3.commandCalls(PutBucketEncryptionCommand)[0]?.args[0].input.ServerSideEncryptionConfiguration).toEqual({
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: undefined }, BucketKeyEnabled: true }],
  });
  expect(s3.commandCalls(PutBucketVersioningCommand)).toHaveLength(1);
  expect(s3.commandCalls(PutPublicAccessBlockCommand)).toHaveLength(1);
  expect(s3.commandCalls(PutBucketLifecycleConfigurationCommand)).toHaveLength(1);
  context.clients.destroy();
});

it('does not create a bucket that exists', async () => {
  s3.on(HeadBucketCommand).resolves({});
  const context = testContext();
  await provisionS3Bucket(resource('AWS::S3::Bucket', 'lake', {}), context);
  expect(s3.commandCalls(CreateBucketCommand)).toHaveLength(0);
  expect(context.lines).toEqual(['Subject: S3 bucket lake already exists']);
  context.clients.destroy();
});
