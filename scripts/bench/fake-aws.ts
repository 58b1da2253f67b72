// In-process stand-ins for the AWS APIs the handlers call (Kinesis, Firehose, DynamoDB, SQS): wire-format JSON in and out, state kept in memory.
import { createHash } from 'node:crypto';
import type { InProcessTransport, SdkCall } from './sdk-calls';

/** A record as the fake stream stored it, ready to become a Lambda Kinesis event record. */
export interface StoredKinesisRecord {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  /** Base64, as PutRecords carried it. */
  data: string;
}

export interface FakeAws {
  transport: InProcessTransport;
  /** Records put to a stream, in order, since the last `takeKinesisRecords`. */
  takeKinesisRecords(streamName: string): StoredKinesisRecord[];
  firehoseRecords(): number;
  itemCount(tableName: string): number;
}

export interface FakeAwsOptions {
  /** Key attribute names per table (partition key first), for conditional writes and reads. */
  keySchemas: Record<string, readonly string[]>;
  shardCount?: number;
}

type AttributeMap = Record<string, Record<string, unknown>>;

const ok = (body: unknown): { status: number; body: unknown } => ({ status: 200, body });
const clientError = (type: string, message: string): { status: number; body: unknown } => ({
  status: 400,
  body: { __type: `com.amazonaws.bench#${type}`, message },
});

/** Kinesis maps the MD5 of the partition key onto the shards' hash key ranges; equal ranges here. */
export function shardForKey(partitionKey: string, shardCount: number): number {
  const hash = BigInt(`0x${createHash('md5').update(partitionKey).digest('hex')}`);
  return Number((hash * BigInt(shardCount)) >> 128n);
}

interface ConditionInput {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
}

/** The two condition shapes the app writes with: `attribute_not_exists(p)` and `p = :v` (optimistic versions). */
export function conditionHolds(existing: AttributeMap | undefined, input: ConditionInput): boolean {
  const expression = input.ConditionExpression?.trim();
  if (expression === undefined || expression.length === 0) return true;
  const name = (token: string): string => input.ExpressionAttributeNames?.[token] ?? token;
  const notExists = /^attribute_not_exists\(\s*([#\w]+)\s*\)$/.exec(expression);
  if (notExists?.[1] !== undefined) return existing?.[name(notExists[1])] === undefined;
  const equals = /^([#\w]+)\s*=\s*(:\w+)$/.exec(expression);
  if (equals?.[1] !== undefined && equals[2] !== undefined) {
    const stored = existing?.[name(equals[1])];
    const expected = input.ExpressionAttributeValues?.[equals[2]];
    return stored !== undefined && JSON.stringify(stored) === JSON.stringify(expected);
  }
  throw new Error(`fake DynamoDB: unsupported condition "${expression}"`);
}

export function createFakeAws(options: FakeAwsOptions): FakeAws {
  const shardCount = options.shardCount ?? 4;
  const streams = new Map<string, StoredKinesisRecord[]>();
  const tables = new Map<string, Map<string, AttributeMap>>();
  let sequence = 0n;
  let firehoseRecords = 0;

  const table = (name: string): Map<string, AttributeMap> => {
    const existing = tables.get(name);
    if (existing) return existing;
    const created = new Map<string, AttributeMap>();
    tables.set(name, created);
    return created;
  };
  const keyOf = (tableName: string, item: AttributeMap): string => {
    const schema = options.keySchemas[tableName];
    if (schema === undefined) throw new Error(`fake DynamoDB: no key schema for table ${tableName}`);
    return JSON.stringify(schema.map((attribute) => item[attribute]));
  };

  function putKinesisRecord(streamName: string, record: { Data?: string; PartitionKey?: string }): { SequenceNumber: string; ShardId: string } {
    const shard = shardForKey(record.PartitionKey ?? '', shardCount);
    sequence += 1n;
    const stored: StoredKinesisRecord = {
      shardId: `shardId-${String(shard).padStart(12, '0')}`,
      sequenceNumber: (49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n + sequence).toString(),
      partitionKey: record.PartitionKey ?? '',
      data: record.Data ?? '',
    };
    const list = streams.get(streamName) ?? [];
    list.push(stored);
    streams.set(streamName, list);
    return { SequenceNumber: stored.sequenceNumber, ShardId: stored.shardId };
  }

  function dynamoDb(operation: string, body: Record<string, unknown>): { status: number; body: unknown } {
    switch (operation) {
      case 'BatchGetItem': {
        const requests = (body.RequestItems ?? {}) as Record<string, { Keys: AttributeMap[] }>;
        const responses = Object.fromEntries(
          Object.entries(requests).map(([name, { Keys }]) => [
            name,
            Keys.flatMap((key) => {
              const item = table(name).get(keyOf(name, key));
              return item === undefined ? [] : [item];
            }),
          ]),
        );
        return ok({ Responses: responses, UnprocessedKeys: {} });
      }
      case 'GetItem': {
        const name = String(body.TableName);
        const item = table(name).get(keyOf(name, body.Key as AttributeMap));
        return ok(item === undefined ? {} : { Item: item });
      }
      case 'PutItem': {
        const name = String(body.TableName);
        const item = body.Item as AttributeMap;
        const key = keyOf(name, item);
        if (!conditionHolds(table(name).get(key), body)) {
          return clientError('ConditionalCheckFailedException', 'The conditional request failed');
        }
        table(name).set(key, item);
        return ok({});
      }
      case 'BatchWriteItem': {
        const requests = (body.RequestItems ?? {}) as Record<string, Array<{ PutRequest?: { Item: AttributeMap } }>>;
        for (const [name, writes] of Object.entries(requests)) {
          for (const write of writes) if (write.PutRequest) table(name).set(keyOf(name, write.PutRequest.Item), write.PutRequest.Item);
        }
        return ok({ UnprocessedItems: {} });
      }
      case 'Query':
      case 'Scan':
        return ok({ Items: [], Count: 0, ScannedCount: 0 });
      default:
        return clientError('UnknownOperationException', `fake DynamoDB does not implement ${operation}`);
    }
  }

  function handle(call: SdkCall): { status: number; body: unknown } {
    const body = (call.body ?? {}) as Record<string, unknown>;
    const key = `${call.service}.${call.operation}`;
    switch (key) {
      case 'Kinesis.PutRecords': {
        const records = (body.Records ?? []) as Array<{ Data?: string; PartitionKey?: string }>;
        return ok({ FailedRecordCount: 0, Records: records.map((record) => putKinesisRecord(String(body.StreamName), record)) });
      }
      case 'Kinesis.PutRecord':
        return ok(putKinesisRecord(String(body.StreamName), body));
      case 'Firehose.PutRecordBatch': {
        const records = (body.Records ?? []) as unknown[];
        firehoseRecords += records.length;
        return ok({ FailedPutCount: 0, Encrypted: false, RequestResponses: records.map((_, index) => ({ RecordId: `r-${firehoseRecords}-${index}` })) });
      }
      case 'Firehose.PutRecord':
        firehoseRecords += 1;
        return ok({ RecordId: `r-${firehoseRecords}`, Encrypted: false });
      case 'SQS.SendMessageBatch': {
        const entries = (body.Entries ?? []) as Array<{ Id: string; MessageBody: string }>;
        return ok({
          Successful: entries.map((entry) => ({
            Id: entry.Id,
            MessageId: `m-${entry.Id}`,
            MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
          })),
          Failed: [],
        });
      }
      default:
        return call.service === 'DynamoDB' ? dynamoDb(call.operation, body) : clientError('UnknownOperationException', `no fake for ${key}`);
    }
  }

  return {
    transport: handle,
    takeKinesisRecords: (streamName) => {
      const records = streams.get(streamName) ?? [];
      streams.set(streamName, []);
      return records;
    },
    firehoseRecords: () => firehoseRecords,
    itemCount: (tableName) => table(tableName).size,
  };
}
