// Lambda behind DELETE /cameras/{id}: deletes the stream and its media, known faces, frames, detections, then the camera.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbCameraStore } from '../../shared/aws/dynamodb-camera-store';
import { createDynamoDbDetectionStore } from '../../shared/aws/dynamodb-detection-store';
import { createKvsVideoStreams } from '../../shared/aws/kvs-video-streams';
import { createRekognitionFaceRegistry } from '../../shared/aws/rekognition-face-registry';
import { streamProcessorsFromEnv } from '../../shared/aws/rekognition-stream-processors';
import { createS3FrameStore } from '../../shared/aws/s3-frame-store';
import { createKinesisVideoClient, createRekognitionClient, createS3Client } from '../../shared/aws/video-clients';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';
import { createDeleteCameraHandler } from '../../shared/video/camera-api';
import { createCameraDeletion } from '../../shared/video/camera-registry';

const config = readConfig({
  CAMERAS_TABLE_NAME: requiredEnv(),
  DETECTIONS_TABLE_NAME: requiredEnv(),
  FRAMES_BUCKET_NAME: requiredEnv(),
  FACE_COLLECTION_ID: requiredEnv(),
});
const dynamoDb = createDynamoDbDocumentClient();

export const handler = withLambdaContextLogging(
  createDeleteCameraHandler({
    remove: createCameraDeletion({
      cameras: createDynamoDbCameraStore(dynamoDb, { tableName: config.CAMERAS_TABLE_NAME }),
      streams: createKvsVideoStreams(createKinesisVideoClient()),
      faces: createRekognitionFaceRegistry(createRekognitionClient(), { collectionId: config.FACE_COLLECTION_ID }),
      frames: createS3FrameStore(createS3Client(), { bucketName: config.FRAMES_BUCKET_NAME }),
      detections: createDynamoDbDetectionStore(dynamoDb, { tableName: config.DETECTIONS_TABLE_NAME }),
      streamProcessors: streamProcessorsFromEnv(createRekognitionClient),
    }),
    logger,
  }),
);
