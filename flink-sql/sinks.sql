-- Sink tables: one per metric, all writing items into the one DynamoDB metrics table (keys pk = metric#dimension, sk = time).
-- Window results are final and keyed, so an upsert on (pk, sk) makes a restart that replays them harmless;
-- PARTITIONED BY the same keys lets the sink collapse duplicates inside one BatchWriteItem call.

CREATE TABLE metrics_page_views (
  pk STRING, sk STRING, metric STRING, dimension STRING,
  window_start STRING, window_end STRING, expires_at BIGINT,
  `views` BIGINT,
  PRIMARY KEY (pk, sk) NOT ENFORCED
) PARTITIONED BY (pk, sk) WITH (
  'connector' = 'dynamodb',
  'table-name' = '${metrics.table.name}',
  'aws.region' = '${aws.region}'
);

CREATE TABLE metrics_active_sessions (
  pk STRING, sk STRING, metric STRING, dimension STRING,
  window_start STRING, window_end STRING, expires_at BIGINT,
  sessions BIGINT,
  PRIMARY KEY (pk, sk) NOT ENFORCED
) PARTITIONED BY (pk, sk) WITH (
  'connector' = 'dynamodb',
  'table-name' = '${metrics.table.name}',
  'aws.region' = '${aws.region}'
);

CREATE TABLE metrics_top_pages (
  pk STRING, sk STRING, metric STRING, dimension STRING,
  window_start STRING, window_end STRING, expires_at BIGINT,
  page STRING, `views` BIGINT, `rank` BIGINT,
  PRIMARY KEY (pk, sk) NOT ENFORCED
) PARTITIONED BY (pk, sk) WITH (
  'connector' = 'dynamodb',
  'table-name' = '${metrics.table.name}',
  'aws.region' = '${aws.region}'
);

CREATE TABLE metrics_device_readings (
  pk STRING, sk STRING, metric STRING, dimension STRING,
  window_start STRING, window_end STRING, expires_at BIGINT,
  readings BIGINT,
  temperature_avg DOUBLE, temperature_min DOUBLE, temperature_max DOUBLE,
  humidity_avg DOUBLE, humidity_min DOUBLE, humidity_max DOUBLE,
  vibration_avg DOUBLE, vibration_min DOUBLE, vibration_max DOUBLE,
  battery_avg DOUBLE, battery_min DOUBLE, battery_max DOUBLE,
  PRIMARY KEY (pk, sk) NOT ENFORCED
) PARTITIONED BY (pk, sk) WITH (
  'connector' = 'dynamodb',
  'table-name' = '${metrics.table.name}',
  'aws.region' = '${aws.region}'
);

CREATE TABLE metrics_card_activity (
  pk STRING, sk STRING, metric STRING, dimension STRING,
  window_start STRING, window_end STRING, expires_at BIGINT,
  transactions BIGINT, amount_total DECIMAL(38, 2),
  PRIMARY KEY (pk, sk) NOT ENFORCED
) PARTITIONED BY (pk, sk) WITH (
  'connector' = 'dynamodb',
  'table-name' = '${metrics.table.name}',
  'aws.region' = '${aws.region}'
);

CREATE TABLE metrics_small_then_large (
  pk STRING, sk STRING, metric STRING, dimension STRING,
  window_start STRING, window_end STRING, expires_at BIGINT,
  small_count BIGINT, small_total DECIMAL(38, 2), large_amount DECIMAL(12, 2),
  first_at STRING, last_at STRING,
  PRIMARY KEY (pk, sk) NOT ENFORCED
) PARTITIONED BY (pk, sk) WITH (
  'connector' = 'dynamodb',
  'table-name' = '${metrics.table.name}',
  'aws.region' = '${aws.region}'
);
