// SDK clients for provisioning, built from an explicit environment record (not process.env) so parallel stacks stay apart.
import { AthenaClient } from '@aws-sdk/client-athena';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GlueClient } from '@aws-sdk/client-glue';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { MiddlewareStack } from '@smithy/types';
import { keepAliveHttpHandler } from '../../../shared/aws/clients';

export interface ProvisioningClients {
  kinesis: KinesisClient;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  sns: SNSClient;
  s3: S3Client;
  glue: GlueClient;
  athena: AthenaClient;
  rekognition: RekognitionClient;
  /** Closes every keep-alive socket (a test runner otherwise waits for them). */
  destroy(): void;
}

interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  requestHandler: ReturnType<typeof keepAliveHttpHandler>;
}

/**
 * The SDK's own rule, applied to the given record: AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL. Without
 * either, provisioning refuses to run instead of sending fake credentials to real AWS.
 */
export function endpointFor(env: Readonly<Record<string, string | undefined>>, serviceId: string): string {
  const endpoint = env[`AWS_ENDPOINT_URL_${serviceId}`] ?? env.AWS_ENDPOINT_URL;
  if (!endpoint) throw new Error(`no endpoint for ${serviceId}: set AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_${serviceId} in the clients environment`);
  return endpoint;
}

export function createProvisioningClients(env: Readonly<Record<string, string | undefined>>, region: string): ProvisioningClients {
  const config = (serviceId: string): ClientConfig => ({
    endpoint: endpointFor(env, serviceId),
    region: env.AWS_REGION ?? region,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local' },
    requestHandler: keepAliveHttpHandler(),
  });
  const clients = {
    kinesis: new KinesisClient(config('KINESIS')),
    dynamodb: new DynamoDBClient(config('DYNAMODB')),
    sqs: new SQSClient(config('SQS')),
    sns: new SNSClient(config('SNS')),
    s3: new S3Client({ ...config('S3'), forcePathStyle: true }),
    glue: new GlueClient(config('GLUE')),
    athena: new AthenaClient(config('ATHENA')),
    rekognition: new RekognitionClient(config('REKOGNITION')),
  };
  nameFailingOperation(clients.kinesis.middlewareStack);
  nameFailingOperation(clients.dynamodb.middlewareStack);
  nameFailingOperation(clients.sqs.middlewareStack);
  nameFailingOperation(clients.sns.middlewareStack);
  nameFailingOperation(clients.s3.middlewareStack);
  nameFailingOperation(clients.glue.middlewareStack);
  nameFailingOperation(clients.athena.middlewareStack);
  nameFailingOperation(clients.rekognition.middlewareStack);
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}

/** Prefixes errors with the operation that failed: one resource makes several calls, and SDK errors do not say which. */
function nameFailingOperation<Input extends object, Output extends object>(stack: MiddlewareStack<Input, Output>): void {
  stack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && context.commandName) error.message = `${context.commandName}: ${error.message}`;
        throw error;
      }
    },
    { step: 'initialize', name: 'nameFailingOperation' },
  );
}
