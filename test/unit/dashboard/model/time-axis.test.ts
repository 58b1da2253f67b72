// The streams charts' x axis: the requested window, whole-minute ticks and their HH:MM labels.
import { drawableRange, formatTickTime, minuteTicks, requestedWindow, tickStepSeconds } from '../../../../dashboard/src/model/time-axis';

const at = (iso: string): number => Date.parse(iso) / 1000;

test('the requested window ends at generatedAt (whole seconds) and spans the minutes asked for', () => {
  expect(requestedWindow('2024-05-01T12:39:39.750Z', 15)).toEqual({ from: at('2024-05-01T12:24:39Z'), to: at('2024-05-01T12:39:39Z') });
  expect(requestedWindow('not a time', 15)).toBeUndefined();
  expect(requestedWindow('2024-05-01T12:39:39Z', 0)).toBeUndefined();
});

test('a single timestamp still gets a range to draw in, a minute either side', () => {
  expect(drawableRange(600, 600)).toEqual({ from: 540, to: 660 });
  expect(drawableRange(600, 900)).toEqual({ from: 600, to: 900 });
});

test('ticks fall on whole multiples of a readable step and never repeat a label', () => {
  const window = requestedWindow('2024-05-01T12:39:39Z', 15);
  if (!window) throw new Error('window expected');
  expect(tickStepSeconds(window, 6)).toBe(300);
  const ticks = minuteTicks(window, 6);
  expect(ticks.map((tick) => formatTickTime(tick, 'UTC'))).toEqual(['12:25', '12:30', '12:35']);
  const dense = minuteTicks(window, 20).map((tick) => formatTickTime(tick, 'UTC'));
  expect(dense).toHaveLength(15);
  expect(new Set(dense).size).toBe(dense.length);
  expect(dense[0]).toBe('12:25');
  expect(dense.at(-1)).toBe('12:39');
});

test('a narrow range (one point) still ticks on whole minutes, not on seconds', () => {
  const ticks = minuteTicks(drawableRange(at('2024-05-01T12:38:00Z'), at('2024-05-01T12:38:00Z')), 8);
  expect(ticks.map((tick) => formatTickTime(tick, 'UTC'))).toEqual(['12:37', '12:38', '12:39']);
  expect(minuteTicks({ from: 0, to: 86_400 * 3 }, 4).length).toBeLessThanOrEqual(4);
  expect(minuteTicks({ from: 10, to: 50 }, 4)).toEqual([]);
});

test('tick labels are 24-hour HH:MM in the given time zone', () => {
  expect(formatTickTime(at('2024-05-01T00:05:00Z'), 'UTC')).toBe('00:05');
  expect(formatTickTime(at('2024-05-01T15:05:00Z'), 'Asia/Seoul')).toBe('00:05');
  expect(formatTickTime(Number.NaN)).toBe('–');
});
