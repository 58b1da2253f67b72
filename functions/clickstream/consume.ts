// Lambda on the clickstream Kinesis stream: sessions to DynamoDB, events to Firehose, poison records to the DLQ.
import { createDynamoDbDocumentClient, createFirehoseClient, createSqsClient } from '../../shared/aws/clients';
import { createSqsDeadLetterWriter } from '../../shared/aws/dead-letter-writer';
import { createDynamoDbSessionStore } from '../../shared/aws/dynamodb-session-store';
import { createFirehoseArchive } from '../../shared/aws/firehose-writer';
import { createSessionBatchStep } from '../../shared/clickstream/session-batch';
import { clickstreamRecordSchema } from '../../shared/events/clickstream';
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../shared/lambda/config';
import { createKinesisConsumer } from '../../shared/lambda/kinesis-consumer';
import { withLambdaContextLogging } from '../../shared/lambda/middy-stack';
import { logger, powertoolsMetrics } from '../../shared/lambda/powertools';

const config = readConfig({
  SESSIONS_TABLE_NAME: requiredEnv(),
  DELIVERY_STREAM_NAME: requiredEnv(),
  DEAD_LETTER_QUEUE_URL: requiredEnv(),
  SESSION_TTL_DAYS: positiveIntegerEnv(),
});

export const handler = withLambdaContextLogging(
  createKinesisConsumer({
    schema: clickstreamRecordSchema,
    processBatch: createSessionBatchStep({
      sessions: createDynamoDbSessionStore(createDynamoDbDocumentClient(), { tableName: config.SESSIONS_TABLE_NAME }),
      archive: createFirehoseArchive(createFirehoseClient(), { deliveryStreamName: config.DELIVERY_STREAM_NAME }),
      ttlDays: config.SESSION_TTL_DAYS,
    }),
    deadLetters: createSqsDeadLetterWriter(createSqsClient(), { queueUrl: config.DEAD_LETTER_QUEUE_URL }),
    logger,
    metrics: powertoolsMetrics,
  }),
);
