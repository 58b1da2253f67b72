// Data tables: a header row and body rows of cells, re-rendered whole on each refresh (they are short).
import { element, note } from './dom';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => Node | string;
  className?: string;
}

export function dataTable<Row>(
  columns: ReadonlyArray<Column<Row>>,
  rows: readonly Row[],
  options: { empty: string; rowClass?: (row: Row) => string | undefined; onRowClick?: (row: Row) => void } = { empty: 'No rows' },
): HTMLElement {
  if (rows.length === 0) return note(options.empty);
  const head = element('thead', {}, [element('tr', {}, columns.map((column) => element('th', { text: column.header, className: column.className })))]);
  const body = element(
    'tbody',
    {},
    rows.map((row) => {
      const tr = element('tr', { className: options.rowClass?.(row) }, columns.map((column) => element('td', { className: column.className }, [column.cell(row)])));
      if (options.onRowClick) {
        const onRowClick = options.onRowClick;
        tr.classList.add('clickable');
        tr.tabIndex = 0;
        tr.addEventListener('click', () => onRowClick(row));
        tr.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') onRowClick(row);
        });
      }
      return tr;
    }),
  );
  return element('div', { className: 'table-scroll' }, [element('table', {}, [head, body])]);
}

/** A small coloured label (severity, hot shard, label confidence). */
export const chip = (text: string, kind = ''): HTMLSpanElement => element('span', { className: `chip ${kind}`.trim(), text });
