// Plain-text table layout.
import { formatTable } from '../../../../scripts/bench/table';

describe('formatTable', () => {
  it('pads columns to the widest cell and right-aligns the numeric ones', () => {
    expect(formatTable(['name', 'n'], [['a', '5'], ['bb', '10']], [1])).toBe(['name   n', '----  --', 'a      5', 'bb    10'].join('\n'));
  });
});
