// What each panel module provides: its frame texts and a refresh that draws into the panel body.
import type { ApiClient } from '../api-client';
import type { PanelOutcome } from '../model/panel-state';

export interface RefreshContext {
  api: ApiClient;
  nowMs: number;
}

export type Refresh = (context: RefreshContext) => Promise<PanelOutcome>;

export interface PanelDefinition {
  name: string;
  title: string;
  /** One line for learners: what the panel shows and where the data comes from. */
  explanation: string;
  wide?: boolean;
  mount(body: HTMLElement): Refresh;
}

/** Shown wherever a Flink window metric has no rows. */
export const FLINK_NOT_PRODUCING = 'No window results yet: Flink metrics are off or not yet produced (npm start prints why).';

/** Per-metric reads share this range and size so panels asking for the same metric share one request. */
export const metricsPath = (metric: string, dimension?: string): string =>
  `/metrics/${metric}?limit=500${dimension === undefined ? '' : `&dimension=${encodeURIComponent(dimension)}`}`;
