// VideoStreams on Kinesis Video Streams: one H.264 stream per camera, encrypted, with retention so GetImages works.
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  type KinesisVideoClient,
  type StreamInfo,
} from '@aws-sdk/client-kinesis-video';
import type { VideoStreamInfo, VideoStreams } from '../video/ports';
import { classifyAwsError } from './aws-errors';

export interface KvsVideoStreamsOptions {
  /** KMS key for the media at rest; the AWS managed key unless a stack key is given. */
  kmsKeyId?: string;
}

export const VIDEO_MEDIA_TYPE = 'video/h264';
export const AWS_MANAGED_KVS_KEY = 'alias/aws/kinesisvideo';

const errorCode = (error: unknown): string => classifyAwsError(error).errorCode;

function toInfo(info: StreamInfo | undefined, streamName: string): VideoStreamInfo {
  if (info?.StreamARN === undefined || info.Status === undefined) throw new Error(`DescribeStream ${streamName}: no ARN or status`);
  return { streamName, streamArn: info.StreamARN, status: info.Status };
}

/**
 * GetImages needs retention > 0 (it reads archived media) and an H.264/H.265 track, hence both are fixed here.
 * CreateStream is not idempotent (ResourceInUseException for an existing name), so that answer is turned into a
 * DescribeStream: a registration retried after a failed settings write adopts the stream it created before.
 */
export function createKvsVideoStreams(client: KinesisVideoClient, options: KvsVideoStreamsOptions = {}): VideoStreams {
  const kmsKeyId = options.kmsKeyId ?? AWS_MANAGED_KVS_KEY;

  async function describe(streamName: string): Promise<VideoStreamInfo | undefined> {
    try {
      return toInfo((await client.send(new DescribeStreamCommand({ StreamName: streamName }))).StreamInfo, streamName);
    } catch (error) {
      if (errorCode(error) === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  return {
    async createOrAdopt({ streamName, retentionHours, tags }) {
      try {
        const created = await client.send(
          new CreateStreamCommand({
            StreamName: streamName,
            MediaType: VIDEO_MEDIA_TYPE,
            DataRetentionInHours: retentionHours,
            KmsKeyId: kmsKeyId,
            Tags: tags,
          }),
        );
        if (created.StreamARN === undefined) throw new Error(`CreateStream ${streamName}: no StreamARN`);
        return { streamName, streamArn: created.StreamARN, status: 'CREATING' };
      } catch (error) {
        if (errorCode(error) !== 'ResourceInUseException') throw error;
        const existing = await describe(streamName);
        // Deleted between the two calls: the caller's retry will create it afresh.
        if (existing === undefined) throw error;
        return existing;
      }
    },

    async delete(streamName) {
      const existing = await describe(streamName);
      if (existing === undefined || existing.status === 'DELETING') return;
      try {
        await client.send(new DeleteStreamCommand({ StreamARN: existing.streamArn }));
      } catch (error) {
        if (errorCode(error) !== 'ResourceNotFoundException') throw error;
      }
    },
  };
}
