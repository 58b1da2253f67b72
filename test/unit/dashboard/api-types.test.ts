// The page's own copies of the API shapes stay assignable from what the APIs build (checked by tsc; see npm run typecheck).
import type { Alert as StoredAlert } from '../../../shared/alerts/alert';
import type { StreamMetricsView } from '../../../shared/dashboard/stream-metrics-view';
import type { Camera as StoredCamera, Detection as StoredDetection } from '../../../shared/events/camera';
import type { DeviceView } from '../../../shared/iot/device-state';
import type { MetricWindows } from '../../../shared/metrics/metric-window';
import type { Alert, Camera, Detection, Device, MetricWindowsResponse, StreamsResponse } from '../../../dashboard/src/api-types';

/** Compiles only when an API value can be read as the page's type; returns it so the test has something to check. */
const readAs = <PageType>(value: PageType): PageType => value;

test('API answers read as the page types', () => {
  const streams: StreamMetricsView = { generatedAt: '2026-03-01T12:00:00.000Z', periodSeconds: 60, streams: [] };
  const windows: MetricWindows = { metric: 'page_views', items: [] };
  expect(readAs<StreamsResponse>(streams).periodSeconds).toBe(60);
  expect(readAs<MetricWindowsResponse>(windows).items).toEqual([]);

  // Type-level only: each line fails `tsc` if a shared type drifts from the page's copy.
  const conversions = [
    (alert: StoredAlert) => readAs<Alert>(alert),
    (device: DeviceView) => readAs<Device>(device),
    (camera: StoredCamera) => readAs<Camera>(camera),
    (detection: StoredDetection & { frameUrl: string }) => readAs<Detection>(detection),
  ];
  expect(conversions).toHaveLength(4);
});
