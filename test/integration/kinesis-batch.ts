// Builds the event a Kinesis event-source mapping would deliver, to invoke a consumer with an exact (re)delivery.
import type { KinesisStreamEvent } from 'aws-lambda';
import type { LocalCloud } from '../../scripts/local/cloud';

/** One shard's batch: `payloads` in order, with AWS-shaped 56-digit sequence numbers starting after `firstSequence`. */
export function kinesisBatch(
  cloud: LocalCloud,
  options: { streamLogicalId: string; shardId: string; partitionKey: string; firstSequence: bigint; payloads: unknown[] },
): KinesisStreamEvent {
  const streamArn = cloud.resources.find((resource) => resource.logicalId === options.streamLogicalId)?.attributes.Arn ?? '';
  return {
    Records: options.payloads.map((payload, index) => {
      const sequenceNumber = (options.firstSequence + BigInt(index)).toString();
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: options.partitionKey,
          sequenceNumber,
          data: Buffer.from(JSON.stringify(payload)).toString('base64'),
          approximateArrivalTimestamp: Date.now() / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${options.shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::${cloud.accountId}:role/consumer`,
        awsRegion: cloud.region,
        eventSourceARN: streamArn,
      };
    }),
  };
}
