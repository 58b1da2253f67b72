import { partitionLayout, projectionFilter } from '../../../../scripts/athena/partition-projection';
import { clickstreamTable } from './fixtures';

describe('partitionLayout', () => {
  const layout = partitionLayout(clickstreamTable());

  test('lists under the constant prefix and reads partition values from the template', () => {
    expect(layout).toMatchObject({ bucket: 'lake', listPrefix: 'clickstream/events/event_date=' });
    expect(layout.partitionOf('clickstream/events/event_date=2026-03-14/event_hour=09/stream-1-2026-03-14-09-58-00-uuid.gz')).toEqual({
      event_date: '2026-03-14',
      event_hour: '09',
    });
  });

  test('ignores objects outside the layout and hidden files', () => {
    expect(layout.partitionOf('clickstream/events/stray.gz')).toBeUndefined();
    expect(layout.partitionOf('clickstream/events/event_date=2026-03-14/event_hour=09/_SUCCESS')).toBeUndefined();
    expect(layout.partitionOf('clickstream/errors/partitioning-failed/2026/03/14/x.gz')).toBeUndefined();
  });

  test('without a template, Hive-style key=value directories under Location stand in', () => {
    const { 'storage.location.template': _template, ...parameters } = clickstreamTable().parameters;
    const hive = partitionLayout(clickstreamTable({ parameters }));
    expect(hive.partitionOf('clickstream/events/event_date=2026-03-14/event_hour=10/a.json')).toEqual({ event_date: '2026-03-14', event_hour: '10' });
  });
});

describe('projectionFilter', () => {
  const now = new Date('2026-03-15T12:00:00Z');
  const accepts = projectionFilter(clickstreamTable(), now);

  test('keeps dates inside the range up to NOW and hours with their digits', () => {
    expect(accepts({ event_date: '2026-03-15', event_hour: '09' })).toBe(true);
    expect(accepts({ event_date: '2026-01-01', event_hour: '00' })).toBe(true);
  });

  test.each([
    [{ event_date: '2025-12-31', event_hour: '23' }, 'before the range'],
    [{ event_date: '2026-03-16', event_hour: '00' }, 'after NOW'],
    [{ event_date: '2026-03-14', event_hour: '9' }, 'not zero-padded to 2 digits'],
    [{ event_date: '2026-03-14', event_hour: '24' }, 'outside 0,23'],
    [{ event_date: '2026-02-30', event_hour: '01' }, 'not a date'],
  ])('drops %o (%s)', (values) => {
    expect(accepts(values)).toBe(false);
  });

  test('accepts everything when projection is off', () => {
    expect(projectionFilter(clickstreamTable({ parameters: {} }), now)({ event_date: 'anything', event_hour: 'x' })).toBe(true);
  });
});
