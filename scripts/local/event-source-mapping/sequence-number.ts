// Kinesis sequence numbers are decimal strings of any length ("7" on moto, 56 digits on AWS): compare them as BigInt.

/** Negative when `a` comes before `b` in the shard, zero when equal, positive after. Text order is wrong ("9" > "10"). */
export function compareSequenceNumbers(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

export const isAfter = (a: string, b: string): boolean => compareSequenceNumbers(a, b) > 0;

