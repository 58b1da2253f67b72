// A min-heap of entries by due time; ties go to the entry queued first, so the order is reproducible.

interface Slot<T> {
  dueMs: number;
  order: number;
  value: T;
}

export class DueQueue<T> {
  private readonly heap: Array<Slot<T>> = [];
  private queued = 0;

  get size(): number {
    return this.heap.length;
  }

  push(dueMs: number, value: T): void {
    this.heap.push({ dueMs, order: this.queued++, value });
    this.siftUp(this.heap.length - 1);
  }

  /** The earliest entry, left in place, or undefined when empty. */
  peek(): { dueMs: number; value: T } | undefined {
    const first = this.heap[0];
    return first === undefined ? undefined : { dueMs: first.dueMs, value: first.value };
  }

  /** The earliest entry, removed, or undefined when empty. */
  pop(): { dueMs: number; value: T } | undefined {
    const first = this.heap[0];
    const last = this.heap.pop();
    if (first === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return { dueMs: first.dueMs, value: first.value };
  }

  private before(left: number, right: number): boolean {
    const a = this.heap[left] as Slot<T>;
    const b = this.heap[right] as Slot<T>;
    return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.order < b.order);
  }

  private swap(left: number, right: number): void {
    const held = this.heap[left] as Slot<T>;
    this.heap[left] = this.heap[right] as Slot<T>;
    this.heap[right] = held;
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >>> 1;
      if (!this.before(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.heap.length && this.before(left, smallest)) smallest = left;
      if (right < this.heap.length && this.before(right, smallest)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }
}
