// Unit tests: GET /iot/devices and GET /alerts query strings (defaults, bounds, the closed set of domains).
import { parseAlertListQuery, parseDeviceListQuery } from '../../../../shared/dashboard/list-queries';

it('lists 50 devices unless told otherwise, at most 200', () => {
  expect(parseDeviceListQuery(null)).toEqual({ ok: true, query: { limit: 50 } });
  expect(parseDeviceListQuery({ limit: '200' })).toEqual({ ok: true, query: { limit: 200 } });
  expect(parseDeviceListQuery({ limit: '201' })).toMatchObject({ ok: false, errors: [{ path: 'limit' }] });
});

it('needs a known alert domain', () => {
  expect(parseAlertListQuery({ domain: 'video' })).toEqual({ ok: true, query: { domain: 'video', limit: 50 } });
  expect(parseAlertListQuery({})).toMatchObject({ ok: false, errors: [{ path: 'domain', message: 'Use one of iot, payments, video' }] });
  expect(parseAlertListQuery({ domain: 'clickstream' })).toMatchObject({ ok: false, errors: [{ path: 'domain' }] });
});
