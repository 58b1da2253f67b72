-- small_then_large: card testing. At least 3 consecutive charges of at most 2.00, then one of at least 300.00, all in one
-- currency on one card within 30 minutes: the thresholds of smallThenLarge in shared/payments/fraud-config.ts.
-- Unlike the Lambda rule (any 3 small ones among the card's recent transactions), the pattern needs the small charges
-- back to back: a charge between the two thresholds breaks the sequence.
INSERT INTO metrics_small_then_large
SELECT
  CONCAT('small_then_large#', cardId) AS pk,
  DATE_FORMAT(last_at, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS sk,
  'small_then_large' AS metric,
  cardId AS dimension,
  DATE_FORMAT(first_at, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_start,
  DATE_FORMAT(last_at, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_end,
  UNIX_TIMESTAMP(DATE_FORMAT(last_at, 'yyyy-MM-dd HH:mm:ss')) + 7 * 86400 AS expires_at,
  small_count,
  small_total,
  large_amount,
  DATE_FORMAT(first_at, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS first_at,
  DATE_FORMAT(last_at, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS last_at
FROM payment_transactions
  MATCH_RECOGNIZE (
    PARTITION BY cardId, currency
    ORDER BY occurredAt
    MEASURES
      COUNT(SMALL_CHARGE.amount) AS small_count,
      SUM(SMALL_CHARGE.amount) AS small_total,
      LARGE_CHARGE.amount AS large_amount,
      FIRST(SMALL_CHARGE.occurredAt) AS first_at,
      LARGE_CHARGE.occurredAt AS last_at
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (SMALL_CHARGE{3,} LARGE_CHARGE) WITHIN INTERVAL '30' MINUTE
    DEFINE
      SMALL_CHARGE AS SMALL_CHARGE.amount <= 2.00,
      LARGE_CHARGE AS LARGE_CHARGE.amount >= 300.00
  );
