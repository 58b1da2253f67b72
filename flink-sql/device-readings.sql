-- device_readings: per device, reading count and avg/min/max of every metric over 5 minutes, sliding every minute.
-- A metric the device did not report in a window has no avg/min/max (NULL), rather than a made-up zero.
INSERT INTO metrics_device_readings
SELECT
  CONCAT('device_readings#', deviceId) AS pk,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS sk,
  'device_readings' AS metric,
  deviceId AS dimension,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') AS window_end,
  UNIX_TIMESTAMP(DATE_FORMAT(window_end, 'yyyy-MM-dd HH:mm:ss')) + 7 * 86400 AS expires_at,
  COUNT(*) AS readings,
  AVG(metrics.temperature) AS temperature_avg,
  MIN(metrics.temperature) AS temperature_min,
  MAX(metrics.temperature) AS temperature_max,
  AVG(metrics.humidity) AS humidity_avg,
  MIN(metrics.humidity) AS humidity_min,
  MAX(metrics.humidity) AS humidity_max,
  AVG(metrics.vibration) AS vibration_avg,
  MIN(metrics.vibration) AS vibration_min,
  MAX(metrics.vibration) AS vibration_max,
  AVG(metrics.battery) AS battery_avg,
  MIN(metrics.battery) AS battery_min,
  MAX(metrics.battery) AS battery_max
FROM TABLE(HOP(TABLE iot_readings, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
GROUP BY window_start, window_end, deviceId;
