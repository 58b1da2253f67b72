// Orders readings of one device by (occurredAt, sequence): what "newer", "late" and "duplicate" mean for device state.

export type ReadingOrder = 'newer' | 'duplicate' | 'older';

interface OrderedReading {
  /** ISO UTC with milliseconds (normalised by the schema), so string order is time order. */
  occurredAt: string;
  sequence: number;
}

/**
 * Event time first, the device's sequence number on ties: a device that restarts its counter after a reboot is
 * still ordered by its clock, and two readings in the same millisecond are ordered by the counter.
 */
export function compareToLatest(reading: OrderedReading, latest: OrderedReading | undefined): ReadingOrder {
  if (latest === undefined || reading.occurredAt > latest.occurredAt) return 'newer';
  if (reading.occurredAt < latest.occurredAt) return 'older';
  if (reading.sequence > latest.sequence) return 'newer';
  return reading.sequence === latest.sequence ? 'duplicate' : 'older';
}
