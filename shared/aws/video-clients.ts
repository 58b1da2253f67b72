// SDK client factories for the video module (KVS, KVS archived media, Rekognition, S3, SNS), configured like clients.ts.
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { keepAliveHttpHandler } from './clients';

export const createKinesisVideoClient = (): KinesisVideoClient => new KinesisVideoClient({ requestHandler: keepAliveHttpHandler() });

/**
 * Media APIs (GetImages …) are served by a per-stream data endpoint that GetDataEndpoint returns, on AWS and on
 * the local fake alike, so the endpoint is always explicit here and no environment variable is needed for it.
 */
export const createKinesisVideoArchivedMediaClient = (endpoint: string): KinesisVideoArchivedMediaClient =>
  new KinesisVideoArchivedMediaClient({ endpoint, requestHandler: keepAliveHttpHandler() });

export const createRekognitionClient = (): RekognitionClient => new RekognitionClient({ requestHandler: keepAliveHttpHandler() });

/**
 * Path-style requests everywhere: AWS still serves them for every bucket name this stack creates, and an endpoint
 * override (the local cloud) has no per-bucket host names, so one setting works in both places without a branch.
 */
export const createS3Client = (): S3Client => new S3Client({ requestHandler: keepAliveHttpHandler(), forcePathStyle: true });

export const createSnsClient = (): SNSClient => new SNSClient({ requestHandler: keepAliveHttpHandler() });
