// Aligning API points into uPlot columns.
import { alignSeries, epochSeconds, hasData, latestValue, maxValue } from '../../../../dashboard/src/model/series';

test('series are aligned on the union of their timestamps, with null gaps', () => {
  expect(
    alignSeries([
      [{ t: 120, v: 2 }, { t: 60, v: 1 }],
      [{ t: 180, v: 9 }, { t: 60, v: 7 }],
    ]),
  ).toEqual([
    [60, 120, 180],
    [1, 2, null],
    [7, null, 9],
  ]);
  expect(alignSeries([])).toEqual([[]]);
});

test('latest, max and presence of data', () => {
  const points = [{ t: 60, v: 5 }, { t: 180, v: 3 }, { t: 120, v: 8 }];
  expect(latestValue(points)).toBe(3);
  expect(maxValue(points)).toBe(8);
  expect(latestValue([])).toBeUndefined();
  expect(hasData([[], points])).toBe(true);
  expect(hasData([[], []])).toBe(false);
  expect(epochSeconds('1970-01-01T00:01:00.000Z')).toBe(60);
});
