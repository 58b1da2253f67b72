-- active_sessions: distinct sessions with at least one event of any type, per 5-minute tumbling window.
INSERT INTO metrics_active_sessions
SELECT
  'active_sessions#all' AS pk,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS sk,
  'active_sessions' AS metric,
  'all' AS dimension,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_end,
  UNIX_TIMESTAMP(DATE_FORMAT(window_end, 'yyyy-MM-dd HH:mm:ss')) + 7 * 86400 AS expires_at,
  sessions
FROM (
  SELECT window_start, window_end, COUNT(DISTINCT sessionId) AS sessions
  FROM TABLE(TUMBLE(TABLE clickstream_events, DESCRIPTOR(occurredAt), INTERVAL '5' MINUTE))
  GROUP BY window_start, window_end
);
