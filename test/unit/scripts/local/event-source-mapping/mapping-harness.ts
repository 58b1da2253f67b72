// Test harness for the Kinesis poller: an in-memory stream, a scripted function, a recording OnFailure destination, virtual time.
import { InMemoryKinesis, type PutRecordInput } from '../../../../../scripts/local/event-source-mapping/in-memory-kinesis';
import {
  startKinesisEventSourceMapping,
  type KinesisMappingHandle,
  type PollerTuning,
} from '../../../../../scripts/local/event-source-mapping/kinesis-poller';
import type { KinesisOnFailureRecord, OnFailureDestination } from '../../../../../scripts/local/event-source-mapping/on-failure';
import { RecordingInvoker, type FunctionScript } from '../../../../../scripts/local/event-source-mapping/recording-invoker';
import { VirtualClock } from '../../../../../scripts/local/event-source-mapping/virtual-clock';

export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:consume';
export const ROLE_ARN = 'arn:aws:iam::000000000000:role/consume-role';
export const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:consume-dlq';

export interface SentRecord {
  destinationArn: string;
  record: KinesisOnFailureRecord;
}

export interface HarnessOptions {
  shards?: number;
  sequenceNumbers?: 'aws-like' | 'small';
}

const running = new Set<MappingHarness>();

/** Stops every mapping a test started; call from afterEach. */
export async function stopAllMappings(): Promise<void> {
  await Promise.all([...running].map((harness) => harness.stop()));
  running.clear();
}

export class MappingHarness {
  readonly clock = new VirtualClock();
  readonly kinesis: InMemoryKinesis;
  readonly streamArn: string;
  readonly sent: SentRecord[] = [];
  invoker = new RecordingInvoker();
  private handle: KinesisMappingHandle | undefined;
  private requestIds = 0;

  readonly destination: OnFailureDestination = {
    send: (destinationArn, message) => {
      this.sent.push({ destinationArn, record: JSON.parse(message) as KinesisOnFailureRecord });
      return Promise.resolve();
    },
  };

  constructor({ shards = 1, sequenceNumbers = 'aws-like' }: HarnessOptions = {}) {
    this.kinesis = new InMemoryKinesis(this.clock, { sequenceNumbers });
    this.streamArn = this.kinesis.createStream('clicks', shards);
  }

  get mapping(): KinesisMappingHandle {
    if (this.handle === undefined) throw new Error('start() the mapping first');
    return this.handle;
  }

  /** Properties as osls generates them for a `stream` event, with overrides (undefined removes a property). */
  properties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const properties: Record<string, unknown> = {
      BatchSize: 100,
      EventSourceArn: this.streamArn,
      FunctionName: FUNCTION_ARN,
      StartingPosition: 'TRIM_HORIZON',
      Enabled: true,
      ...overrides,
    };
    for (const [key, value] of Object.entries(properties)) if (value === undefined) delete properties[key];
    return properties;
  }

  async start(
    overrides: Record<string, unknown> = {},
    script?: FunctionScript,
    tuning: Partial<PollerTuning> = {},
  ): Promise<KinesisMappingHandle> {
    if (script !== undefined) this.invoker = new RecordingInvoker(script);
    this.handle = await startKinesisEventSourceMapping({
      properties: this.properties(overrides),
      invoker: this.invoker,
      kinesis: this.kinesis,
      onFailure: this.destination,
      roleArn: ROLE_ARN,
      clock: this.clock,
      tuning,
      newRequestId: () => `request-${++this.requestIds}`,
    });
    running.add(this);
    return this.handle;
  }

  put(partitionKey: string, data = partitionKey, arrival?: Date): string {
    const input: PutRecordInput = { partitionKey, data, ...(arrival !== undefined && { arrival }) };
    return this.kinesis.putRecord(this.streamArn, input).sequenceNumber;
  }

  putToShard(shardId: string, partitionKey: string, data = partitionKey): string {
    return this.kinesis.putRecordToShard(this.streamArn, shardId, { partitionKey, data }).sequenceNumber;
  }

  /** Puts `count` records with data "0", "1", … and partition keys from `keyOf`; returns their sequence numbers. */
  putMany(count: number, keyOf: (index: number) => string = () => 'user-1'): string[] {
    return Array.from({ length: count }, (_, index) => this.put(keyOf(index), String(index)));
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
  }
}
