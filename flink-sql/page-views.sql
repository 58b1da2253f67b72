-- page_views: how many page_view events each page path got, per 1-minute tumbling window.
INSERT INTO metrics_page_views
SELECT
  CONCAT('page_views#', page_path) AS pk,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS sk,
  'page_views' AS metric,
  page_path AS dimension,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_end,
  UNIX_TIMESTAMP(DATE_FORMAT(window_end, 'yyyy-MM-dd HH:mm:ss')) + 7 * 86400 AS expires_at,
  `views`
FROM (
  SELECT window_start, window_end, page.path AS page_path, COUNT(*) AS `views`
  FROM TABLE(TUMBLE(TABLE clickstream_events, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE))
  WHERE eventType = 'page_view'
  GROUP BY window_start, window_end, page.path
);
