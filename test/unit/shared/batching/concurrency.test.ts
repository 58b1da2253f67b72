// Unit tests: bounded-concurrency mapping.
import { mapWithConcurrency } from '../../../../shared/batching/concurrency';

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` calls in flight and results in input order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n, index) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      for (let tick = 0; tick < n; tick += 1) await Promise.resolve();
      inFlight -= 1;
      return `${index}:${n}`;
    });
    expect(maxInFlight).toBe(2);
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0']);
  });

  it('handles no items', async () => {
    expect(await mapWithConcurrency([], 3, () => Promise.resolve(1))).toEqual([]);
  });
});
