// Lambda on the payments Kinesis stream: fraud scores per transaction, alerts and card profiles to DynamoDB, decisions to Firehose.
import { createDynamoDbDocumentClient, createFirehoseClient, createSqsClient } from '../../shared/aws/clients';
import { createSqsDeadLetterWriter } from '../../shared/aws/dead-letter-writer';
import { createDynamoDbAlertStore } from '../../shared/aws/dynamodb-alert-store';
import { createDynamoDbCardProfileStore } from '../../shared/aws/dynamodb-card-profile-store';
import { createFirehoseArchive } from '../../shared/aws/firehose-writer';
import { transactionRecordSchema } from '../../shared/events/payments';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { createKinesisConsumer } from '../../shared/lambda/kinesis-consumer';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';
import { createCardScoringBatchStep } from '../../shared/payments/scoring-batch';

const config = readConfig({
  CARD_PROFILES_TABLE_NAME: requiredEnv(),
  ALERTS_TABLE_NAME: requiredEnv(),
  DELIVERY_STREAM_NAME: requiredEnv(),
  DEAD_LETTER_QUEUE_URL: requiredEnv(),
  ALERT_TTL_DAYS: positiveIntegerEnv(),
});
const dynamoDb = createDynamoDbDocumentClient();

export const handler = withLambdaContextLogging(
  createKinesisConsumer({
    schema: transactionRecordSchema,
    processBatch: createCardScoringBatchStep({
      profiles: createDynamoDbCardProfileStore(dynamoDb, { tableName: config.CARD_PROFILES_TABLE_NAME }),
      alerts: createDynamoDbAlertStore(dynamoDb, { tableName: config.ALERTS_TABLE_NAME }),
      decisions: createFirehoseArchive(createFirehoseClient(), { deliveryStreamName: config.DELIVERY_STREAM_NAME }),
      alertTtlDays: config.ALERT_TTL_DAYS,
    }),
    deadLetters: createSqsDeadLetterWriter(createSqsClient(), { queueUrl: config.DEAD_LETTER_QUEUE_URL }),
    logger,
    metrics: powertoolsMetrics,
  }),
);
