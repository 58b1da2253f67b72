// Unit tests: ?minutes parsing, the period chosen for a range, and ranges aligned to whole periods.
import { metricRange, parseStreamsQuery, periodFor } from '../../../../shared/dashboard/stream-metrics-query';

describe('parseStreamsQuery', () => {
  it('defaults to the last 15 minutes', () => {
    expect(parseStreamsQuery(null)).toEqual({ ok: true, query: { minutes: 15 } });
  });

  it.each(['0', '1441', '1.5', 'ten'])('rejects minutes=%s', (minutes) => {
    expect(parseStreamsQuery({ minutes })).toEqual({ ok: false, errors: [{ path: 'minutes', message: 'Use a whole number from 1 to 1440' }] });
  });

  it('rejects unknown parameters rather than ignoring them', () => {
    expect(parseStreamsQuery({ minute: '5' })).toMatchObject({ ok: false, errors: [{ path: 'minute' }] });
  });
});

describe('periodFor', () => {
  it.each([
    [15, 60],
    [180, 60],
    [181, 300],
    [900, 300],
    [1440, 900],
  ])('%i minutes are read at %i-second periods (at most 180 points)', (minutes, period) => {
    expect(periodFor(minutes)).toBe(period);
  });
});

describe('metricRange', () => {
  it('widens the range to whole periods and ends with the period in progress', () => {
    const range = metricRange(15, new Date('2026-11-26T10:07:30.000Z'));
    expect(range).toEqual({ start: new Date('2026-11-26T09:52:00.000Z'), end: new Date('2026-11-26T10:08:00.000Z'), periodSeconds: 60 });
  });

  it('includes a period that starts exactly now', () => {
    expect(metricRange(1, new Date('2026-11-26T10:07:00.000Z')).end).toEqual(new Date('2026-11-26T10:08:00.000Z'));
  });
});
