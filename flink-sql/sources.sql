-- Source tables over the three Kinesis streams: the JSON record bodies exactly as the ingest APIs write them.
-- Event time is the producer's `occurredAt` (ISO-8601 UTC with millis and "Z"); a row more than 5 s behind the
-- newest event seen is late and does not count. Only the fields the metrics read are declared; JSON ignores the rest.

CREATE TABLE clickstream_events (
  eventId STRING,
  eventType STRING,
  sessionId STRING,
  page ROW<path STRING>,
  occurredAt TIMESTAMP_LTZ(3),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = '${clickstream.stream.name}',
  'aws.region' = '${aws.region}',
  'scan.stream.initpos' = '${source.init.position}',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE iot_readings (
  readingId STRING,
  deviceId STRING,
  metrics ROW<temperature DOUBLE, humidity DOUBLE, vibration DOUBLE, battery DOUBLE>,
  occurredAt TIMESTAMP_LTZ(3),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = '${iot.stream.name}',
  'aws.region' = '${aws.region}',
  'scan.stream.initpos' = '${source.init.position}',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE payment_transactions (
  transactionId STRING,
  cardId STRING,
  amount DECIMAL(12, 2),
  currency STRING,
  occurredAt TIMESTAMP_LTZ(3),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = '${payments.stream.name}',
  'aws.region' = '${aws.region}',
  'scan.stream.initpos' = '${source.init.position}',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'json.ignore-parse-errors' = 'true'
);
