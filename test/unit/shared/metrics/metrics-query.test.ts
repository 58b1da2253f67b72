// Unit tests: GET /metrics query parsing (defaults, bounds, per-metric dimensions, strict parameters, unknown metrics).
import { DEFAULT_LIMIT, MAX_LIMIT, parseMetricsQuery } from '../../../../shared/metrics/metrics-query';
import { METRIC_NAMES, isMetricName, metricPartitionKey } from '../../../../shared/metrics/metric-catalogue';

const NOW = new Date('2026-11-26T12:00:30.500Z');

describe('metric catalogue', () => {
  it('names exactly the metrics the Flink job writes', () => {
    expect(METRIC_NAMES).toEqual(['page_views', 'active_sessions', 'top_pages', 'device_readings', 'card_activity', 'small_then_large']);
    expect(isMetricName('page_views')).toBe(true);
    expect(isMetricName('toString')).toBe(false);
  });

  it('keys a partition by metric and dimension', () => {
    expect(metricPartitionKey('page_views', '/products/42')).toBe('page_views#/products/42');
  });
});

describe('parseMetricsQuery', () => {
  it('defaults to the last hour up to now, every dimension, the default limit', () => {
    expect(parseMetricsQuery('page_views', null, NOW)).toEqual({
      ok: true,
      query: { metric: 'page_views', from: '2026-11-26T11:00:30.500Z', to: '2026-11-26T12:00:30.500Z', limit: DEFAULT_LIMIT },
    });
  });

  it('normalises the bounds to UTC with milliseconds, the sort key format', () => {
    const parsed = parseMetricsQuery('card_activity', { dimension: 'card-a', from: '2026-11-26T12:00:00+01:00', to: '2026-11-26T11:30:00Z', limit: '5' }, NOW);
    expect(parsed).toEqual({
      ok: true,
      query: { metric: 'card_activity', dimension: 'card-a', from: '2026-11-26T11:00:00.000Z', to: '2026-11-26T11:30:00.000Z', limit: 5 },
    });
  });

  it('takes an hour before "to" when only "to" is given', () => {
    const parsed = parseMetricsQuery('active_sessions', { to: '2026-11-20T08:00:00.000Z' }, NOW);
    expect(parsed).toMatchObject({ ok: true, query: { from: '2026-11-20T07:00:00.000Z', to: '2026-11-20T08:00:00.000Z' } });
  });

  it('reports an unknown metric separately, before looking at the parameters', () => {
    expect(parseMetricsQuery('page-views', { limit: 'x' }, NOW)).toEqual({ ok: false, reason: 'unknown-metric', metric: 'page-views' });
    expect(parseMetricsQuery(undefined, null, NOW)).toEqual({ ok: false, reason: 'unknown-metric', metric: '' });
  });

  it.each([
    ['0', 'Use a whole number from 1 to 500'],
    [String(MAX_LIMIT + 1), 'At most 500'],
    ['ten', 'Use a whole number from 1 to 500'],
    ['2.5', 'Use a whole number from 1 to 500'],
  ])('rejects limit=%s', (limit, message) => {
    expect(parseMetricsQuery('page_views', { limit }, NOW)).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'limit', message }] });
  });

  it('rejects times without a zone, reversed ranges and unknown parameters, naming each field', () => {
    const noZone = parseMetricsQuery('page_views', { from: '2026-11-26T10:00:00' }, NOW);
    expect(noZone).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'from' }] });

    const reversed = parseMetricsQuery('page_views', { from: '2026-11-26T11:00:00Z', to: '2026-11-26T10:00:00Z' }, NOW);
    expect(reversed).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'from', message: 'Must not be after "to" (2026-11-26T10:00:00.000Z)' }] });

    const misspelt = parseMetricsQuery('page_views', { dimensions: '/home' }, NOW);
    expect(misspelt).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'dimensions' }] });
  });

  it.each([
    ['page_views', '/products/42', true],
    ['page_views', 'products', false],
    ['active_sessions', 'all', true],
    ['active_sessions', 'mobile', false],
    ['top_pages', '5', true],
    ['top_pages', '6', false],
    ['device_readings', 'fridge-1', true],
    ['device_readings', 'fridge 1', false],
    ['card_activity', 'card-a', true],
    ['small_then_large', '4111111111111111', false],
  ])('checks the dimension against the metric: %s / %s → %s', (metric, dimension, ok) => {
    const parsed = parseMetricsQuery(metric, { dimension }, NOW);
    expect(parsed.ok).toBe(ok);
    if (!parsed.ok && parsed.reason === 'invalid') expect(parsed.errors.map((error) => error.path)).toEqual(['dimension']);
  });
});
