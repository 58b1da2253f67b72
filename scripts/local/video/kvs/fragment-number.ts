// Fragment numbers shaped like KVS's: 47-digit decimal strings that only grow, unique per fake.

const PREFIX = '91343852333';

/** `<11-digit prefix><16-digit server time in ms><20-digit counter>`: ordered by arrival, like the real ones. */
export class FragmentNumbers {
  private counter = 0n;

  next(serverTimestampMs: number): string {
    this.counter += 1n;
    return `${PREFIX}${String(Math.max(0, Math.trunc(serverTimestampMs))).padStart(16, '0')}${this.counter.toString().padStart(20, '0')}`;
  }
}
