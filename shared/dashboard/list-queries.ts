// Query strings of GET /iot/devices and GET /alerts: how many items, and for alerts which domain.
import { z } from 'zod';
import { ALERT_DOMAINS, type AlertDomain } from '../alerts/alert-domain';
import { boundedIntegerParameter, parseQuery, type QueryParameters, type QueryParse } from './query-parameters';

export const DEFAULT_LIST_LIMIT = 50;
/** A dashboard panel shows tens of rows; 200 keeps a response small and a device scan cheap. */
export const MAX_LIST_LIMIT = 200;

export interface DeviceListQuery {
  limit: number;
}

export interface AlertListQuery {
  domain: AlertDomain;
  limit: number;
}

const limit = boundedIntegerParameter(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT);

const deviceListSchema = z.strictObject({ limit });

const alertListSchema = z.strictObject({
  domain: z.enum(ALERT_DOMAINS, { error: `Use one of ${ALERT_DOMAINS.join(', ')}` }),
  limit,
});

export const parseDeviceListQuery = (parameters: QueryParameters): QueryParse<DeviceListQuery> =>
  parseQuery(deviceListSchema, parameters);

export const parseAlertListQuery = (parameters: QueryParameters): QueryParse<AlertListQuery> =>
  parseQuery(alertListSchema, parameters);
