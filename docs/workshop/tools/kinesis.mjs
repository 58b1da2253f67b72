// Workshop tool: look inside a Kinesis stream (shards, key → shard, per-shard ingest) and put a raw record, via the AWS SDK.
// Endpoints and credentials come from the environment, so it works on the local cloud (source tools/local-env.sh) and on AWS.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const HELP = `node docs/workshop/tools/kinesis.mjs <command> <stream> [...]

  shards   <stream>                     the stream's open shards and their hash key ranges
  shard-of <stream> <key>...            which shard each partition key lands on (MD5 of the key → hash key range)
  ingest   <stream> [--seconds N]       records per shard that arrived in the last N seconds (default 60), top keys
  put-raw  <stream> <key> <text>        put one record whose data is <text> as is (e.g. not JSON: a poison record)

<stream> is a full stream name, or a short one (clickstream, iot-telemetry, payments) when $STACK is set.`;

// HTTP/1.1: the SDK's Kinesis client defaults to HTTP/2, which AWS accepts but the local emulators do not.
const client = new KinesisClient({ requestHandler: new NodeHttpHandler() });

function streamName(name) {
  if (name === undefined) throw new Error(`missing <stream>\n\n${HELP}`);
  return process.env.STACK && !name.startsWith(process.env.STACK) ? `${process.env.STACK}-${name}` : name;
}

async function openShards(stream) {
  const shards = [];
  let token;
  do {
    const page = await client.send(new ListShardsCommand(token ? { NextToken: token } : { StreamName: stream }));
    shards.push(...(page.Shards ?? []));
    token = page.NextToken;
  } while (token);
  return shards.filter((shard) => shard.SequenceNumberRange?.EndingSequenceNumber === undefined);
}

/** Kinesis hashes the partition key with MD5 and reads the digest as an unsigned 128-bit big-endian integer. */
const hashKeyOf = (key) => BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`);

const shardFor = (shards, hash) =>
  shards.find((shard) => BigInt(shard.HashKeyRange.StartingHashKey) <= hash && hash <= BigInt(shard.HashKeyRange.EndingHashKey));

async function printShards(stream) {
  for (const shard of await openShards(stream)) {
    console.log(`${shard.ShardId}  ${shard.HashKeyRange.StartingHashKey} … ${shard.HashKeyRange.EndingHashKey}`);
  }
}

async function printShardOf(stream, keys) {
  const shards = await openShards(stream);
  for (const key of keys) {
    const hash = hashKeyOf(key);
    console.log(`${key.padEnd(24)} → ${shardFor(shards, hash)?.ShardId ?? '(no open shard)'}   (hash key ${hash})`);
  }
}

/** Reads one shard from a point in time to its tip: an independent reader, so it never disturbs the stream's consumers. */
async function recordsSince(stream, shardId, since) {
  let { ShardIterator: iterator } = await client.send(
    new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: since }),
  );
  const keys = new Map();
  let count = 0;
  for (let page = 0; iterator && page < 100; page++) {
    const { Records = [], NextShardIterator, MillisBehindLatest } = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    for (const record of Records) keys.set(record.PartitionKey, (keys.get(record.PartitionKey) ?? 0) + 1);
    count += Records.length;
    iterator = NextShardIterator;
    if (Records.length === 0 || MillisBehindLatest === 0) break;
  }
  return { count, keys };
}

async function printIngest(stream, seconds) {
  const since = new Date(Date.now() - seconds * 1000);
  const shards = await openShards(stream);
  const counts = await Promise.all(shards.map((shard) => recordsSince(stream, shard.ShardId, since)));
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  const mean = total / Math.max(1, shards.length);
  const widest = Math.max(1, ...counts.map(({ count }) => count));
  console.log(`${stream}: ${total} records in the last ${seconds} s over ${shards.length} shards (mean ${mean.toFixed(0)} per shard)`);
  shards.forEach((shard, index) => {
    const { count, keys } = counts[index];
    const bar = '█'.repeat(Math.round((count / widest) * 40));
    const top = [...keys].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([key, n]) => `${key} ${n}`).join(', ');
    const hot = shards.length > 1 && mean > 0 && count > 2 * mean ? '  ← HOT (> 2× mean)' : '';
    console.log(`${shard.ShardId}  ${String(count).padStart(6)} ${bar}${hot}\n${' '.repeat(28)}top keys: ${top || '-'}`);
  });
}

async function putRaw(stream, key, text) {
  if (key === undefined || text === undefined) throw new Error(`put-raw needs <key> and <text>\n\n${HELP}`);
  const { ShardId, SequenceNumber } = await client.send(
    new PutRecordCommand({ StreamName: stream, PartitionKey: key, Data: new TextEncoder().encode(text) }),
  );
  console.log(`put 1 record: ${ShardId} sequence number ${SequenceNumber}`);
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '60' }, help: { type: 'boolean', short: 'h' } } });
  const [command, name, ...rest] = positionals;
  if (values.help || command === undefined) return console.log(HELP);
  const stream = streamName(name);
  if (command === 'shards') return printShards(stream);
  if (command === 'shard-of') return printShardOf(stream, rest);
  if (command === 'ingest') return printIngest(stream, Number(values.seconds));
  if (command === 'put-raw') return putRaw(stream, rest[0], rest[1]);
  throw new Error(`unknown command "${command}"\n\n${HELP}`);
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => client.destroy());
