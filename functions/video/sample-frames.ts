// Lambda on CameraEventsStream: per motion event, GetImages frames → Rekognition → detections, evidence frames, alerts.
import { createDynamoDbDocumentClient, createSqsClient } from '../../shared/aws/clients';
import { createSqsDeadLetterWriter } from '../../shared/aws/dead-letter-writer';
import { createDynamoDbCameraStore } from '../../shared/aws/dynamodb-camera-store';
import { createDynamoDbDetectionStore } from '../../shared/aws/dynamodb-detection-store';
import { createDynamoDbVideoAlertStore } from '../../shared/aws/dynamodb-video-alert-store';
import { createKvsFrameSource } from '../../shared/aws/kvs-frame-source';
import { createRekognitionImageAnalyzer } from '../../shared/aws/rekognition-image-analyzer';
import { createS3FrameStore } from '../../shared/aws/s3-frame-store';
import { createSnsAlertPublisher } from '../../shared/aws/sns-alert-publisher';
import * as video from '../../shared/aws/video-clients';
import { motionRecordSchema } from '../../shared/events/camera';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { createKinesisConsumer } from '../../shared/lambda/kinesis-consumer';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';
import { createCachedCameraReader } from '../../shared/video/camera-cache';
import { createFrameSamplingBatchStep } from '../../shared/video/frame-sampling-batch';

const config = readConfig({
  CAMERAS_TABLE_NAME: requiredEnv(),
  DETECTIONS_TABLE_NAME: requiredEnv(),
  ALERTS_TABLE_NAME: requiredEnv(),
  FRAMES_BUCKET_NAME: requiredEnv(),
  VIDEO_ALERTS_TOPIC_ARN: requiredEnv(),
  FACE_COLLECTION_ID: requiredEnv(),
  DEAD_LETTER_QUEUE_URL: requiredEnv(),
  FRAME_WINDOW_SECONDS: positiveIntegerEnv(),
  FRAME_SAMPLING_INTERVAL_MS: positiveIntegerEnv(),
  MAX_FRAMES_PER_EVENT: positiveIntegerEnv(),
  /** Optional: the frame source's default (720) keeps PNG frames under Rekognition's 5 MB inline limit. */
  FRAME_HEIGHT_PIXELS: positiveIntegerEnv().optional(),
  VIDEO_ALERT_WINDOW_SECONDS: positiveIntegerEnv(),
  DETECTION_TTL_DAYS: positiveIntegerEnv(),
  ALERT_TTL_DAYS: positiveIntegerEnv(),
});
const dynamoDb = createDynamoDbDocumentClient();

export const handler = withLambdaContextLogging(
  createKinesisConsumer({
    schema: motionRecordSchema,
    processBatch: createFrameSamplingBatchStep({
      cameras: createCachedCameraReader(createDynamoDbCameraStore(dynamoDb, { tableName: config.CAMERAS_TABLE_NAME }), { ttlMs: 60_000 }),
      frames: createKvsFrameSource(video.createKinesisVideoClient(), {
        mediaClientFor: video.createKinesisVideoArchivedMediaClient,
        frameHeightPixels: config.FRAME_HEIGHT_PIXELS,
      }),
      analyzer: createRekognitionImageAnalyzer(video.createRekognitionClient(), { collectionId: config.FACE_COLLECTION_ID }),
      frameStore: createS3FrameStore(video.createS3Client(), { bucketName: config.FRAMES_BUCKET_NAME }),
      detections: createDynamoDbDetectionStore(dynamoDb, { tableName: config.DETECTIONS_TABLE_NAME }),
      alerts: createDynamoDbVideoAlertStore(dynamoDb, { tableName: config.ALERTS_TABLE_NAME }),
      publisher: createSnsAlertPublisher(video.createSnsClient(), { topicArn: config.VIDEO_ALERTS_TOPIC_ARN }),
      limits: {
        maxWindowMs: config.FRAME_WINDOW_SECONDS * 1000,
        samplingIntervalMs: config.FRAME_SAMPLING_INTERVAL_MS,
        maxFrames: config.MAX_FRAMES_PER_EVENT,
      },
      detectionTtlDays: config.DETECTION_TTL_DAYS,
      alertTtlDays: config.ALERT_TTL_DAYS,
      alertWindowSeconds: config.VIDEO_ALERT_WINDOW_SECONDS,
    }),
    deadLetters: createSqsDeadLetterWriter(createSqsClient(), { queueUrl: config.DEAD_LETTER_QUEUE_URL }),
    logger,
    metrics: powertoolsMetrics,
  }),
);
