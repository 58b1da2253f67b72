// Powertools singletons: handlers import these instead of creating their own (service name and level come from env).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** Reads POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL, which serverless.yml sets per function. */
export const logger = new Logger();

/**
 * CloudWatch metrics in Embedded Metric Format (written with the logs, no PutMetricData calls): namespace from
 * POWERTOOLS_METRICS_NAMESPACE, dimension `service` from POWERTOOLS_SERVICE_NAME. Alarms can be built on them.
 */
export const metrics = new Metrics();

/** The part of a logger the shared building blocks use, so tests can pass a plain recorder. */
export type StructuredLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** The part of Metrics the shared building blocks use; tests pass a recorder. */
export interface MetricsRecorder {
  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): void;
}

export const powertoolsMetrics: MetricsRecorder = {
  addMetric: (name, unit, value) => metrics.addMetric(name, unit === 'Count' ? MetricUnit.Count : MetricUnit.Milliseconds, value),
};
