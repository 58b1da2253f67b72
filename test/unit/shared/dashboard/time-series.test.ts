// Unit tests: period sums as per-second rates (the period in progress over its elapsed seconds) and plain value points.
import { toRatePoints, toValuePoints } from '../../../../shared/dashboard/time-series';

const at = (iso: string) => new Date(iso);

describe('toRatePoints', () => {
  it('divides complete periods by their length and the period in progress by the seconds it has run', () => {
    const points = toRatePoints(
      [
        { timestamp: at('2026-11-26T10:01:00Z'), value: 30 },
        { timestamp: at('2026-11-26T10:00:00Z'), value: 120 },
      ],
      60,
      at('2026-11-26T10:01:15Z'),
    );
    expect(points).toEqual([
      { t: Date.parse('2026-11-26T10:00:00Z') / 1000, v: 2 },
      { t: Date.parse('2026-11-26T10:01:00Z') / 1000, v: 2 },
    ]);
  });

  it('never divides by less than a second', () => {
    expect(toRatePoints([{ timestamp: at('2026-11-26T10:01:00Z'), value: 5 }], 60, at('2026-11-26T10:01:00.200Z'))[0]?.v).toBe(5);
  });
});

it('toValuePoints keeps values and sorts by time', () => {
  expect(
    toValuePoints([
      { timestamp: at('2026-11-26T10:01:00Z'), value: 900 },
      { timestamp: at('2026-11-26T10:00:00Z'), value: 1200 },
    ]).map((point) => point.v),
  ).toEqual([1200, 900]);
});
