// Panel 3: every device's latest state, the newest IoT alerts with their reasons, and one device's windowed readings.
import type { Alert, AlertsResponse, Device, DevicesResponse, MetricWindowsResponse } from '../api-types';
import { entityName, formatAge, formatCount, formatNumber } from '../model/format';
import { deviceMetricSeries, readingMetricsOf } from '../model/metric-windows';
import { failureOutcome, describeFailure } from '../model/panel-state';
import { alignSeries } from '../model/series';
import { PALETTE, createChart } from '../view/chart';
import { element, note, replaceChildren } from '../view/dom';
import { chip, dataTable } from '../view/table';
import { FLINK_NOT_PRODUCING, metricsPath, type PanelDefinition, type RefreshContext } from './panel';

const DEVICES_SHOWN = 12;

function metricColumns(devices: readonly Device[]): string[] {
  return [...new Set(devices.flatMap((device) => Object.keys(device.latestReading.metrics)))].sort();
}

export function alertsTable(alerts: readonly Alert[], nowMs: number, options: { empty: string; withScore: boolean }): HTMLElement {
  return dataTable<Alert>(
    [
      { header: 'When', cell: (alert) => element('span', { text: formatAge(alert.detectedAt, nowMs), title: alert.detectedAt }), className: 'nowrap' },
      { header: options.withScore ? 'Card' : 'Device', cell: (alert) => element('code', { text: entityName(alert.entityId) }) },
      ...(options.withScore ? [{ header: 'Score', cell: (alert: Alert) => (alert.score === undefined ? '–' : formatNumber(alert.score)), className: 'number' }] : []),
      { header: 'Rule', cell: (alert) => element('span', {}, [chip(alert.severity, `severity-${alert.severity}`), ` ${alert.rule}`]), className: 'nowrap' },
      { header: 'Reasons', cell: (alert) => element('ul', { className: 'reasons' }, alert.reasons.map((reason) => element('li', { text: reason }))) },
    ],
    alerts,
    { empty: options.empty },
  );
}

export const iotPanel: PanelDefinition = {
  name: 'iot',
  title: 'IoT devices',
  explanation:
    'Each device\u2019s latest reading (kept in order even when readings arrive late), the newest rule alerts with their reasons, and the selected device\u2019s readings per Flink window (click a row).',
  mount(body) {
    let selected: string | undefined;
    let lastContext: RefreshContext | undefined;
    const devicesBox = element('div');
    const alertsBox = element('div');
    const readingsTitle = element('h3');
    const readingsNote = element('div');
    const readings = createChart();
    body.append(devicesBox, element('div', { className: 'readings' }, [readingsTitle, readings.element, readingsNote]), element('h3', { text: 'Recent alerts' }), alertsBox);

    async function drawReadings(context: RefreshContext): Promise<void> {
      readingsTitle.textContent = selected ? `Readings of ${selected} (5-min windows, every minute)` : 'Readings';
      if (!selected) return;
      try {
        const answer = await context.api.get<MetricWindowsResponse>(metricsPath('device_readings', selected));
        const metric = readingMetricsOf(answer.items).find((name) => name === 'temperature') ?? readingMetricsOf(answer.items)[0];
        const series = metric ? deviceMetricSeries(answer.items, metric) : { avg: [], min: [], max: [] };
        readings.update(
          {
            title: metric ? `${metric}: avg with min and max` : 'No readings',
            series: [{ label: 'avg', color: PALETTE[0] }, { label: 'min', color: PALETTE[4], dash: [4, 4] }, { label: 'max', color: PALETTE[1], dash: [4, 4] }],
            formatValue: formatNumber,
            height: 160,
            xLabel: 'window start',
          },
          alignSeries([series.avg, series.min, series.max]),
        );
        replaceChildren(readingsNote, [answer.items.length === 0 ? note(FLINK_NOT_PRODUCING) : null]);
      } catch (error) {
        replaceChildren(readingsNote, [note(describeFailure(error))]);
      }
    }

    function drawDevices(devices: readonly Device[], nowMs: number): void {
      const metrics = metricColumns(devices);
      replaceChildren(devicesBox, [
        dataTable<Device>(
          [
            { header: 'Device', cell: (device) => element('code', { text: device.deviceId }) },
            { header: 'Type', cell: (device) => device.deviceType },
            { header: 'Last seen', cell: (device) => element('span', { text: formatAge(device.lastSeenAt, nowMs), title: device.lastSeenAt }), className: 'nowrap' },
            ...metrics.map((metric) => ({ header: metric, cell: (device: Device) => formatNumber(device.latestReading.metrics[metric] ?? Number.NaN), className: 'number' })),
            { header: 'Readings', cell: (device) => formatCount(device.counters.readings), className: 'number' },
            { header: 'Late', cell: (device) => formatCount(device.counters.lateReadings), className: 'number' },
          ],
          devices.slice(0, DEVICES_SHOWN),
          {
            empty: 'No device has reported yet: run npm run simulate:iot.',
            rowClass: (device) => (device.deviceId === selected ? 'selected' : undefined),
            onRowClick: (device) => {
              selected = device.deviceId;
              drawDevices(devices, nowMs);
              if (lastContext) void drawReadings(lastContext);
            },
          },
        ),
      ]);
    }

    return async (context) => {
      lastContext = context;
      let devices: DevicesResponse;
      let alerts: AlertsResponse;
      try {
        [devices, alerts] = await Promise.all([context.api.get<DevicesResponse>('/iot/devices?limit=50'), context.api.get<AlertsResponse>('/alerts?domain=iot&limit=20')]);
      } catch (error) {
        return failureOutcome(error);
      }
      if (!selected || !devices.devices.some((device) => device.deviceId === selected)) selected = devices.devices[0]?.deviceId;
      drawDevices(devices.devices, context.nowMs);
      replaceChildren(alertsBox, [alertsTable(alerts.alerts.slice(0, 8), context.nowMs, { empty: 'No IoT alerts: every device is within its rules.', withScore: false })]);
      await drawReadings(context);
      return devices.devices.length > 0 ? { state: 'live' } : { state: 'empty', message: 'No device has reported yet: run npm run simulate:iot.' };
    };
  },
};
