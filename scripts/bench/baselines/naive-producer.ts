// Baseline: the producer a first attempt writes, one Kinesis PutRecord per event (no batching, no partial-failure handling).
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

export interface NaiveProducerOptions {
  kinesis: KinesisClient;
  streamName: string;
  partitionKeyOf: (payload: unknown) => string;
}

/** Sends each event on its own, one after the other (keeps per-key order, as the real producer does). */
export async function publishEachEvent(payloads: readonly unknown[], options: NaiveProducerOptions): Promise<void> {
  const encoder = new TextEncoder();
  for (const payload of payloads) {
    await options.kinesis.send(
      new PutRecordCommand({ StreamName: options.streamName, PartitionKey: options.partitionKeyOf(payload), Data: encoder.encode(JSON.stringify(payload)) }),
    );
  }
}
