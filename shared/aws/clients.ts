// AWS SDK v3 client factories: one place for HTTP settings, retries and endpoint handling.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * HTTP/1.1 with keep-alive for every client. Kinesis in SDK v3 defaults to HTTP/2 (needed only for
 * SubscribeToShard); PutRecords/GetRecords work over HTTP/1.1 on AWS and the local emulators fail on HTTP/2.
 * Endpoints come from the standard AWS_ENDPOINT_URL[_SERVICE] variables, so code never branches on "local".
 */
export function keepAliveHttpHandler(): NodeHttpHandler {
  return new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
  });
}

export const createKinesisClient = (): KinesisClient => new KinesisClient({ requestHandler: keepAliveHttpHandler() });
export const createFirehoseClient = (): FirehoseClient => new FirehoseClient({ requestHandler: keepAliveHttpHandler() });
export const createSqsClient = (): SQSClient => new SQSClient({ requestHandler: keepAliveHttpHandler() });
export const createDynamoDbDocumentClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: keepAliveHttpHandler() }), {
    marshallOptions: { removeUndefinedValues: true },
  });
