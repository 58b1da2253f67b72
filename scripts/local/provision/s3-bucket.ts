// AWS::S3::Bucket: encryption, versioning, lifecycle rules, public access block, ownership, CORS and tags.
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type CORSRule,
  type LifecycleRule,
  type LifecycleRuleFilter,
  type OwnershipControls,
  type ServerSideEncryptionRule,
  type TransitionStorageClass,
} from '@aws-sdk/client-s3';
import { isRecord } from '../template/load';
import type { ResolvedResource } from '../types';
import { asText, isAwsError, isTrue, reportIgnoredProperties, tagList, type ProvisionContext, type ResourceProvisioner } from './context';

const handled = [
  'BucketName',
  'BucketEncryption',
  'VersioningConfiguration',
  'LifecycleConfiguration',
  'PublicAccessBlockConfiguration',
  'OwnershipControls',
  'CorsConfiguration',
  'Tags',
];

type Settings = Record<string, unknown>;

export const provisionS3Bucket: ResourceProvisioner = async (resource, context) => {
  const bucket = resource.physicalId;
  await createBucket(resource, context);
  const { s3 } = context.clients;
  const properties = resource.properties;
  const encryption = records(isRecord(properties.BucketEncryption) ? properties.BucketEncryption.ServerSideEncryptionConfiguration : undefined);
  if (encryption.length) {
    await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: encryption.map(encryptionRule) } }));
  }
  if (isRecord(properties.VersioningConfiguration)) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: properties.VersioningConfiguration.Status as 'Enabled' } }));
  }
  const lifecycle = records(isRecord(properties.LifecycleConfiguration) ? properties.LifecycleConfiguration.Rules : undefined);
  if (lifecycle.length) {
    await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: lifecycle.map(lifecycleRule) } }));
  }
  if (isRecord(properties.PublicAccessBlockConfiguration)) {
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: properties.PublicAccessBlockConfiguration }));
  }
  if (isRecord(properties.OwnershipControls)) {
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: properties.OwnershipControls as unknown as OwnershipControls }));
  }
  const cors = records(isRecord(properties.CorsConfiguration) ? properties.CorsConfiguration.CorsRules : undefined);
  if (cors.length) await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: cors.map(corsRule) } }));
  const tags = tagList(properties.Tags);
  if (tags) await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags } }));
  reportIgnoredProperties(resource, handled, context);
  return undefined;
};

async function createBucket(resource: ResolvedResource, context: ProvisionContext): Promise<void> {
  // us-east-1 is the one region where CreateBucket takes no location constraint.
  const location = context.region === 'us-east-1' ? undefined : { LocationConstraint: context.region as BucketLocationConstraint };
  // In us-east-1 CreateBucket succeeds again for a bucket you own, so existence is checked first to log it truthfully.
  if (await bucketExists(resource.physicalId, context)) {
    context.log(`${resource.logicalId}: S3 bucket ${resource.physicalId} already exists`);
    return;
  }
  try {
    await context.clients.s3.send(new CreateBucketCommand({ Bucket: resource.physicalId, CreateBucketConfiguration: location }));
    context.log(`${resource.logicalId}: created S3 bucket ${resource.physicalId}`);
  } catch (error) {
    if (!isAwsError(error, 'BucketAlreadyOwnedByYou')) throw error;
  }
}

async function bucketExists(bucket: string, context: ProvisionContext): Promise<boolean> {
  try {
    await context.clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (isAwsError(error, 'NotFound', 'NoSuchBucket')) return false;
    throw error;
  }
}

/** CloudFormation's flat lifecycle rule → the API's rule with Filter, Expiration and Days-named fields. */
export function lifecycleRule(rule: Settings): LifecycleRule {
  const transitions = [...records(rule.Transitions), ...records([rule.Transition])];
  const noncurrentTransitions = [...records(rule.NoncurrentVersionTransitions), ...records([rule.NoncurrentVersionTransition])];
  const noncurrentExpiration = isRecord(rule.NoncurrentVersionExpiration)
    ? { NoncurrentDays: optionalNumber(rule.NoncurrentVersionExpiration.NoncurrentDays), NewerNoncurrentVersions: optionalNumber(rule.NoncurrentVersionExpiration.NewerNoncurrentVersions) }
    : rule.NoncurrentVersionExpirationInDays !== undefined
      ? { NoncurrentDays: optionalNumber(rule.NoncurrentVersionExpirationInDays) }
      : undefined;
  const expires = rule.ExpirationInDays !== undefined || rule.ExpirationDate !== undefined || rule.ExpiredObjectDeleteMarker !== undefined;
  return {
    ID: rule.Id as string | undefined,
    Status: rule.Status as 'Enabled' | 'Disabled',
    Filter: lifecycleFilter(rule),
    Expiration: expires
      ? {
          Days: optionalNumber(rule.ExpirationInDays),
          Date: rule.ExpirationDate === undefined ? undefined : new Date(asText(rule.ExpirationDate)),
          ExpiredObjectDeleteMarker: rule.ExpiredObjectDeleteMarker === undefined ? undefined : isTrue(rule.ExpiredObjectDeleteMarker),
        }
      : undefined,
    Transitions: transitions.length
      ? transitions.map((transition) => ({
          StorageClass: transition.StorageClass as TransitionStorageClass,
          Days: optionalNumber(transition.TransitionInDays),
          Date: transition.TransitionDate === undefined ? undefined : new Date(asText(transition.TransitionDate)),
        }))
      : undefined,
    NoncurrentVersionExpiration: noncurrentExpiration,
    NoncurrentVersionTransitions: noncurrentTransitions.length
      ? noncurrentTransitions.map((transition) => ({
          StorageClass: transition.StorageClass as TransitionStorageClass,
          NoncurrentDays: optionalNumber(transition.TransitionInDays),
          NewerNoncurrentVersions: optionalNumber(transition.NewerNoncurrentVersions),
        }))
      : undefined,
    AbortIncompleteMultipartUpload: isRecord(rule.AbortIncompleteMultipartUpload)
      ? { DaysAfterInitiation: optionalNumber(rule.AbortIncompleteMultipartUpload.DaysAfterInitiation) }
      : undefined,
  };
}

function lifecycleFilter(rule: Settings): LifecycleRuleFilter {
  const prefix = typeof rule.Prefix === 'string' ? rule.Prefix : undefined;
  const tags = records(rule.TagFilters).map((tag) => ({ Key: asText(tag.Key), Value: asText(tag.Value) }));
  const greaterThan = optionalNumber(rule.ObjectSizeGreaterThan);
  const lessThan = optionalNumber(rule.ObjectSizeLessThan);
  const conditions = (prefix !== undefined ? 1 : 0) + tags.length + (greaterThan !== undefined ? 1 : 0) + (lessThan !== undefined ? 1 : 0);
  if (conditions > 1) return { And: { Prefix: prefix, Tags: tags.length ? tags : undefined, ObjectSizeGreaterThan: greaterThan, ObjectSizeLessThan: lessThan } };
  if (tags[0]) return { Tag: tags[0] };
  if (greaterThan !== undefined) return { ObjectSizeGreaterThan: greaterThan };
  if (lessThan !== undefined) return { ObjectSizeLessThan: lessThan };
  return { Prefix: prefix ?? '' };
}

/** CloudFormation says ServerSideEncryptionByDefault where the API says ApplyServerSideEncryptionByDefault. */
function encryptionRule(rule: Settings): ServerSideEncryptionRule {
  const byDefault = isRecord(rule.ServerSideEncryptionByDefault) ? rule.ServerSideEncryptionByDefault : {};
  return {
    ApplyServerSideEncryptionByDefault: {
      SSEAlgorithm: byDefault.SSEAlgorithm as 'AES256' | 'aws:kms',
      KMSMasterKeyID: byDefault.KMSMasterKeyID as string | undefined,
    },
    BucketKeyEnabled: rule.BucketKeyEnabled === undefined ? undefined : isTrue(rule.BucketKeyEnabled),
  };
}

function corsRule(rule: Settings): CORSRule {
  return {
    ID: rule.Id as string | undefined,
    AllowedHeaders: rule.AllowedHeaders as string[] | undefined,
    AllowedMethods: rule.AllowedMethods as string[],
    AllowedOrigins: rule.AllowedOrigins as string[],
    ExposeHeaders: rule.ExposedHeaders as string[] | undefined,
    MaxAgeSeconds: optionalNumber(rule.MaxAge),
  };
}

function records(value: unknown): Settings[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function optionalNumber(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}
