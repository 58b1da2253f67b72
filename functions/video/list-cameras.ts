// Lambda behind GET /cameras: every registered camera with its settings and stream.
import { createDynamoDbDocumentClient } from '../../shared/aws/clients';
import { createDynamoDbCameraStore } from '../../shared/aws/dynamodb-camera-store';
import { readConfig, requiredEnv } from '../../shared/lambda/config';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger } from '../../shared/lambda/powertools';
import { createListCamerasHandler } from '../../shared/video/camera-api';

const config = readConfig({ CAMERAS_TABLE_NAME: requiredEnv() });
const cameras = createDynamoDbCameraStore(createDynamoDbDocumentClient(), { tableName: config.CAMERAS_TABLE_NAME });

export const handler = withLambdaContextLogging(createListCamerasHandler({ list: () => cameras.list(), logger }));
