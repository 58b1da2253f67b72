-- Session settings of the metrics job: windows on UTC wall-clock time, and progress past shards with no traffic.

-- Window bounds (window_start/window_end) are wall-clock times in this zone; the metrics items carry them as UTC ("...Z").
SET 'table.local-time-zone' = 'UTC';

-- A shard without records would hold every window back; after this long without data it no longer counts.
SET 'table.exec.source.idle-timeout' = '30 s';

SET 'pipeline.name' = 'streaming-reference-metrics';
