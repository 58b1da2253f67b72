// DeviceScan on the devices table: a bounded, paged Scan of the stored device states (for the dashboard's device list).
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeviceScan } from '../dashboard/device-list';
import { deviceStateSchema, type DeviceState } from '../iot/device-state';

/**
 * Eventually consistent (half the read cost of a consistent Scan): a dashboard refreshing every few seconds does
 * not need the last write. The schema drops the optimistic-concurrency `version` attribute.
 */
export function createDynamoDbDeviceScan(client: DynamoDBDocumentClient, options: { tableName: string }): DeviceScan {
  const { tableName } = options;
  return {
    async scanDevices(maxItems) {
      const states: DeviceState[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const response = await client.send(
          new ScanCommand({ TableName: tableName, Limit: maxItems - states.length, ExclusiveStartKey: startKey }),
        );
        states.push(...(response.Items ?? []).map((item) => deviceStateSchema.parse(item)));
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined && states.length < maxItems);
      return states;
    },
  };
}
