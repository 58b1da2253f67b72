// Unit tests: GET /iot/devices/{id} end to end with a mocked DynamoDB (200 with state and open alerts, 404, 400).
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { applyReadings } from '../../../../shared/iot/device-readings';
import type { DeviceState } from '../../../../shared/iot/device-state';
import { lambdaContext } from '../../shared/fixtures/clickstream';
import { EVALUATION, sequenced, testRules } from '../../shared/iot/fixtures';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const dynamo = mockClient(DynamoDBDocumentClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    DEVICES_TABLE_NAME: 'iot-devices',
    ALERTS_TABLE_NAME: 'alerts',
    POWERTOOLS_SERVICE_NAME: 'iot',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/iot/get-device'));
});
beforeEach(() => dynamo.reset());

const get = (id: string): Promise<APIGatewayProxyResult> =>
  handler(
    {
      resource: '/iot/devices/{id}',
      path: `/iot/devices/${id}`,
      httpMethod: 'GET',
      pathParameters: { id },
      headers: {},
      body: null,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('iot-get-device'),
  );

describe('GET /iot/devices/{id}', () => {
  it('answers 200 with the device state and its open alerts', async () => {
    const outcome = applyReadings(undefined, [sequenced(1, { metrics: { temperature: 9 } })], testRules, EVALUATION);
    const state = outcome.next as DeviceState;
    dynamo.on(GetCommand, { TableName: 'iot-devices' }).resolves({ Item: { ...state, version: 3 } });
    dynamo.on(QueryCommand, { TableName: 'alerts' }).resolves({ Items: outcome.alerts });

    const response = await get('fridge-1');

    expect(response.statusCode).toBe(200);
    const { lastSequenceByShard: _positions, recentReadingIds: _ids, ...device } = state;
    expect(JSON.parse(response.body)).toEqual({ device, openAlerts: outcome.alerts });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':entityId': 'device#fridge-1',
      ':status': 'open',
    });
  });

  it('answers 404 for a device that never reported', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const response = await get('fridge-9');
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Device not found' });
  });

  it('answers 400 for an id that cannot be a device id, without reading', async () => {
    expect((await get('fridge 1')).statusCode).toBe(400);
    expect(dynamo.calls()).toHaveLength(0);
  });
});
