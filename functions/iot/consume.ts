// Lambda on the IoT Kinesis stream: device state and alerts to DynamoDB, readings to Firehose, poison records to the DLQ.
import { createDynamoDbDocumentClient, createFirehoseClient, createSqsClient } from '../../shared/aws/clients';
import { createSqsDeadLetterWriter } from '../../shared/aws/dead-letter-writer';
import { createDynamoDbAlertStore } from '../../shared/aws/dynamodb-alert-store';
import { createDynamoDbDeviceStore } from '../../shared/aws/dynamodb-device-store';
import { createFirehoseArchive } from '../../shared/aws/firehose-writer';
import { iotRecordSchema } from '../../shared/events/iot';
import { deviceRules } from '../../shared/iot/device-rules';
import { createTelemetryBatchStep } from '../../shared/iot/telemetry-batch';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { createKinesisConsumer } from '../../shared/lambda/kinesis-consumer';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';

const config = readConfig({
  DEVICES_TABLE_NAME: requiredEnv(),
  ALERTS_TABLE_NAME: requiredEnv(),
  DELIVERY_STREAM_NAME: requiredEnv(),
  DEAD_LETTER_QUEUE_URL: requiredEnv(),
  ALERT_TTL_DAYS: positiveIntegerEnv(),
});
const dynamoDb = createDynamoDbDocumentClient();

export const handler = withLambdaContextLogging(
  createKinesisConsumer({
    schema: iotRecordSchema,
    processBatch: createTelemetryBatchStep({
      devices: createDynamoDbDeviceStore(dynamoDb, { tableName: config.DEVICES_TABLE_NAME }),
      alerts: createDynamoDbAlertStore(dynamoDb, { tableName: config.ALERTS_TABLE_NAME }),
      archive: createFirehoseArchive(createFirehoseClient(), { deliveryStreamName: config.DELIVERY_STREAM_NAME }),
      rules: deviceRules,
      alertTtlDays: config.ALERT_TTL_DAYS,
    }),
    deadLetters: createSqsDeadLetterWriter(createSqsClient(), { queueUrl: config.DEAD_LETTER_QUEUE_URL }),
    logger,
    metrics: powertoolsMetrics,
  }),
);
