-- card_activity: per card, transaction count and amount total over 10 minutes, sliding every minute.
-- Amounts are summed as sent (major units, no FX), like the fraud rules' velocity check.
INSERT INTO metrics_card_activity
SELECT
  CONCAT('card_activity#', cardId) AS pk,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS sk,
  'card_activity' AS metric,
  cardId AS dimension,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_end,
  UNIX_TIMESTAMP(DATE_FORMAT(window_end, 'yyyy-MM-dd HH:mm:ss')) + 7 * 86400 AS expires_at,
  COUNT(*) AS transactions,
  SUM(amount) AS amount_total
FROM TABLE(HOP(TABLE payment_transactions, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))
GROUP BY window_start, window_end, cardId;
