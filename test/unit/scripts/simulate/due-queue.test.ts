// Due queue: earliest first, first-queued first among equals.
import { DueQueue } from '../../../../scripts/simulate/due-queue';
import { createRandom } from '../../../../scripts/simulate/random';

describe('DueQueue', () => {
  it('pops entries by due time, and equal times in the order they were pushed', () => {
    const queue = new DueQueue<string>();
    queue.push(30, 'c');
    queue.push(10, 'a1');
    queue.push(20, 'b');
    queue.push(10, 'a2');
    const popped: string[] = [];
    for (let slot = queue.pop(); slot !== undefined; slot = queue.pop()) popped.push(slot.value);
    expect(popped).toEqual(['a1', 'a2', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('agrees with a stable sort on many interleaved pushes and pops', () => {
    const random = createRandom(9);
    const queue = new DueQueue<number>();
    const reference: Array<{ dueMs: number; value: number }> = [];
    const popped: number[] = [];
    const expected: number[] = [];
    for (let value = 0; value < 2_000; value++) {
      const dueMs = random.int(0, 100);
      queue.push(dueMs, value);
      reference.push({ dueMs, value });
      if (random.chance(0.4)) {
        reference.sort((left, right) => left.dueMs - right.dueMs || left.value - right.value);
        expected.push(reference.shift()!.value);
        popped.push(queue.pop()!.value);
      }
    }
    expect(popped).toEqual(expected);
  });
});
