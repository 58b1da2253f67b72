// Lambda behind GET /cameras/{id}/detections?limit=20: the camera's newest detections with presigned frame URLs.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbCameraStore } from '../../shared/aws/dynamodb-camera-store';
import { createDynamoDbDetectionReader } from '../../shared/aws/dynamodb-detection-reader';
import { createS3FrameUrlSigner } from '../../shared/aws/s3-frame-url-signer';
import { createS3Client } from '../../shared/aws/video-clients';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';
import { createDetectionListing, createListDetectionsHandler } from '../../shared/video/detection-listing';

const config = readConfig({
  CAMERAS_TABLE_NAME: requiredEnv(),
  DETECTIONS_TABLE_NAME: requiredEnv(),
  FRAMES_BUCKET_NAME: requiredEnv(),
  FRAME_URL_TTL_SECONDS: positiveIntegerEnv(),
});
const dynamoDb = createDynamoDbDocumentClient();

export const handler = withLambdaContextLogging(
  createListDetectionsHandler({
    list: createDetectionListing({
      // Not cached: a camera deleted a moment ago answers 404 at once (one small GetItem per request).
      cameras: createDynamoDbCameraStore(dynamoDb, { tableName: config.CAMERAS_TABLE_NAME }),
      detections: createDynamoDbDetectionReader(dynamoDb, { tableName: config.DETECTIONS_TABLE_NAME }),
      frameUrls: createS3FrameUrlSigner(createS3Client(), { bucketName: config.FRAMES_BUCKET_NAME, expiresInSeconds: config.FRAME_URL_TTL_SECONDS }),
    }),
    logger,
  }),
);
