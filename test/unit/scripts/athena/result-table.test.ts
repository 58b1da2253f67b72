import { formatResultTable } from '../../../../scripts/athena/result-table';

describe('formatResultTable', () => {
  test('aligns numbers right and text left, shows NULL and nested values, and counts rows', () => {
    const table = formatResultTable(['path', 'page_views', 'extra'], [
      { path: '/', page_views: 120, extra: null },
      { path: '/products/7', page_views: 9, extra: { a: 1 } },
    ]);
    expect(table.split('\n')).toEqual([
      'path        | page_views | extra',
      '------------+------------+--------',
      '/           |        120 | NULL',
      '/products/7 |          9 | {"a":1}',
      '(2 rows)',
    ]);
  });
});
