// Baseline: the stream consumer a first attempt writes, one DynamoDB PutItem and one Firehose PutRecord per record.
import { PutRecordCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamEvent } from 'aws-lambda';

export interface NaiveConsumerOptions {
  dynamoDb: DynamoDBDocumentClient;
  firehose: FirehoseClient;
  tableName: string;
  /** The table's key attribute and where its value is in the event (sessionId, deviceId, cardId). */
  keyAttribute: string;
  deliveryStreamName: string;
}

/** Per record: decode, overwrite the entity's item with the latest event, archive the event. No batching anywhere. */
export function createNaiveConsumer(options: NaiveConsumerOptions): (event: KinesisStreamEvent) => Promise<void> {
  const encoder = new TextEncoder();
  return async (event) => {
    for (const record of event.Records) {
      const payload = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as Record<string, unknown>;
      await options.dynamoDb.send(
        new PutCommand({ TableName: options.tableName, Item: { [options.keyAttribute]: payload[options.keyAttribute], lastEvent: payload } }),
      );
      await options.firehose.send(new PutRecordCommand({ DeliveryStreamName: options.deliveryStreamName, Record: { Data: encoder.encode(JSON.stringify(payload)) } }));
    }
  };
}
