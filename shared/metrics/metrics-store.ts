// Port for reading window metrics: the GET /metrics handler depends on this; shared/aws/dynamodb-metrics-store.ts implements it.
import type { MetricWindow } from './metric-window';
import type { MetricsQuery } from './metrics-query';

export interface MetricsStore {
  /**
   * Windows of `query.metric` whose start lies in [from, to], newest first, at most `query.limit` of them: of one
   * dimension when `query.dimension` is set, of every dimension otherwise.
   */
  listWindows(query: MetricsQuery): Promise<MetricWindow[]>;
}
