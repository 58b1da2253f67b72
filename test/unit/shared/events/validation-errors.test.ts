// Unit tests: zod issues to field errors.
import { z } from 'zod';
import { formatPath, toFieldErrors } from '../../../../shared/events/validation-errors';

describe('formatPath', () => {
  it('writes array indexes in brackets and fields with dots', () => {
    expect(formatPath(['events', 3, 'page', 'url'])).toBe('events[3].page.url');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('$');
  });
});

describe('toFieldErrors', () => {
  const schema = z.strictObject({ items: z.array(z.strictObject({ n: z.number() })) });

  it('reports each unknown field at its own path', () => {
    const result = schema.safeParse({ items: [{ n: 1, x: 1, y: 2 }] });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toFieldErrors(result.error).errors).toEqual([
        { path: 'items[0].x', message: 'Unknown field' },
        { path: 'items[0].y', message: 'Unknown field' },
      ]);
    }
  });

  it('caps the list and keeps the total', () => {
    const result = schema.safeParse({ items: Array.from({ length: 80 }, () => ({ n: 'x' })) });
    expect(result.success).toBe(false);
    if (!result.success) {
      const { errors, total } = toFieldErrors(result.error, 50);
      expect(errors).toHaveLength(50);
      expect(total).toBe(80);
      expect(errors[49]?.path).toBe('items[49].n');
    }
  });
});
