// DynamoDB table provisioning against a mocked client: CloudFormation → CreateTable mapping, TTL and PITR follow-ups.
import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { provisionDynamoDbTable } from '../../../../../scripts/local/provision/dynamodb-table';
import { resource, testContext } from './provision-context';

const dynamodb = mockClient(DynamoDBClient);
const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/sessions';
const properties = {
  TableName: 'sessions',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
  SSESpecification: { SSEEnabled: true },
  TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
};

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE', TableArn: tableArn, LatestStreamArn: `${tableArn}/stream/2026` } });
  dynamodb.on(DescribeTimeToLiveCommand).resolves({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
  dynamodb.on(DescribeContinuousBackupsCommand).resolves({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED' } });
});

it('maps the CloudFormation shape to CreateTable (SSEEnabled → Enabled, stream enabled by its view type)', async () => {
  const context = testContext();
  const result = await provisionDynamoDbTable(resource('AWS::DynamoDB::Table', 'sessions', properties), context);
  expect(dynamodb.commandCalls(CreateTableCommand)[0]?.args[0].input).toMatchObject({
    TableName: 'sessions',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: properties.KeySchema,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    SSESpecification: { Enabled: true },
  });
  expect(result).toEqual({ attributes: { Arn: tableArn, StreamArn: `${tableArn}/stream/2026` } });
  context.clients.destroy();
});

it('enables TTL and point-in-time recovery once', async () => {
  const context = testContext();
  await provisionDynamoDbTable(resource('AWS::DynamoDB::Table', 'sessions', properties), context);
  expect(dynamodb.commandCalls(UpdateTimeToLiveCommand)[0]?.args[0].input).toEqual({
    TableName: 'sessions',
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  });
  expect(dynamodb.commandCalls(UpdateContinuousBackupsCommand)).toHaveLength(1);

  dynamodb.on(DescribeTimeToLiveCommand).resolves({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED' } });
  dynamodb.on(DescribeContinuousBackupsCommand).resolves({
    ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } },
  });
  await provisionDynamoDbTable(resource('AWS::DynamoDB::Table', 'sessions', properties), context);
  expect(dynamodb.commandCalls(UpdateTimeToLiveCommand)).toHaveLength(1);
  expect(dynamodb.commandCalls(UpdateContinuousBackupsCommand)).toHaveLength(1);
  context.clients.destroy();
});

it('logs, instead of failing, when the backend has no point-in-time recovery', async () => {
  dynamodb.on(UpdateContinuousBackupsCommand).rejects(new Error('not implemented'));
  const context = testContext();
  await provisionDynamoDbTable(resource('AWS::DynamoDB::Table', 'sessions', properties), context);
  expect(context.lines.some((line) => line.includes('point-in-time recovery not applied locally'))).toBe(true);
  context.clients.destroy();
});
