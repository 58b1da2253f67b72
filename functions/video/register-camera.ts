// Lambda behind POST /cameras: creates the camera's KVS stream, then stores its settings (409 if the id exists).
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbCameraStore } from '../../shared/aws/dynamodb-camera-store';
import { createKvsVideoStreams } from '../../shared/aws/kvs-video-streams';
import { streamProcessorsFromEnv } from '../../shared/aws/rekognition-stream-processors';
import { createKinesisVideoClient, createRekognitionClient } from '../../shared/aws/video-clients';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';
import { createRegisterCameraHandler } from '../../shared/video/camera-api';
import { createCameraRegistration } from '../../shared/video/camera-registry';

const config = readConfig({
  CAMERAS_TABLE_NAME: requiredEnv(),
  CAMERA_STREAM_PREFIX: requiredEnv(),
  APPLICATION_TAG: requiredEnv(),
  VIDEO_RETENTION_HOURS: positiveIntegerEnv(),
});

export const handler = withLambdaContextLogging(
  createRegisterCameraHandler({
    register: createCameraRegistration({
      cameras: createDynamoDbCameraStore(createDynamoDbDocumentClient(), { tableName: config.CAMERAS_TABLE_NAME }),
      streams: createKvsVideoStreams(createKinesisVideoClient()),
      streamProcessors: streamProcessorsFromEnv(createRekognitionClient),
      streamPrefix: config.CAMERA_STREAM_PREFIX,
      retentionHours: config.VIDEO_RETENTION_HOURS,
      application: config.APPLICATION_TAG,
    }),
    logger,
  }),
);
