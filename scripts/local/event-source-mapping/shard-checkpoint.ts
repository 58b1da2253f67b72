// A shard's checkpoint: the last sequence number before which every record read is processed or discarded.

/**
 * Records are tracked in the order they were read and settled in any order (batches of different partition
 * keys finish out of order under ParallelizationFactor > 1). The checkpoint only moves over a contiguous
 * settled prefix, so it never passes a record that might still be retried [LK22].
 */
export class ShardCheckpoint {
  private readonly outstanding: string[] = [];
  private head = 0;
  private readonly settled = new Set<string>();
  private current: string | undefined;

  /** The last sequence number that is safe to resume after; undefined before anything settled. */
  get sequenceNumber(): string | undefined {
    return this.current;
  }

  /** Records read but not yet behind the checkpoint. */
  get pending(): number {
    return this.outstanding.length - this.head;
  }

  track(sequenceNumber: string): void {
    this.outstanding.push(sequenceNumber);
  }

  settle(sequenceNumbers: Iterable<string>): void {
    for (const sequenceNumber of sequenceNumbers) this.settled.add(sequenceNumber);
    while (this.head < this.outstanding.length) {
      const next = this.outstanding[this.head];
      if (next === undefined || !this.settled.delete(next)) break;
      this.current = next;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.outstanding.length) {
      this.outstanding.splice(0, this.head);
      this.head = 0;
    }
  }
}
