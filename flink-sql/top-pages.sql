-- top_pages: the 5 most viewed page paths per 1-minute tumbling window (rank 1..5; ties broken by path, so ranks are stable).
INSERT INTO metrics_top_pages
SELECT
  CONCAT('top_pages#', CAST(page_rank AS STRING)) AS pk,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS sk,
  'top_pages' AS metric,
  CAST(page_rank AS STRING) AS dimension,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_end,
  UNIX_TIMESTAMP(DATE_FORMAT(window_end, 'yyyy-MM-dd HH:mm:ss')) + 7 * 86400 AS expires_at,
  page_path AS page,
  `views`,
  page_rank AS `rank`
FROM (
  SELECT window_start, window_end, page_path, `views`,
    ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY `views` DESC, page_path ASC) AS page_rank
  FROM (
    SELECT window_start, window_end, page.path AS page_path, COUNT(*) AS `views`
    FROM TABLE(TUMBLE(TABLE clickstream_events, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE))
    WHERE eventType = 'page_view'
    GROUP BY window_start, window_end, page.path
  )
)
WHERE page_rank <= 5;
