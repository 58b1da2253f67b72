// Unit tests: per-shard sequence bookkeeping (BigInt comparison, stream order per shard, already-applied checks).
import fc from 'fast-check';
import {
  compareSequenceNumbers,
  inShardSequenceOrder,
  isAlreadyApplied,
  withAppliedPosition,
} from '../../../../shared/streams/shard-sequence';

const A = 'shardId-000000000000';
const B = 'shardId-000000000001';

describe('shard sequence bookkeeping', () => {
  it('compares 56-digit sequence numbers exactly, where floats and string order fail', () => {
    const low = '49590338271490256608559692538361571095921575989136588898';
    const high = '49590338271490256608559692538361571095921575989136588899';
    expect(compareSequenceNumbers(low, high)).toBe(-1);
    expect(compareSequenceNumbers('10', '9')).toBe(1);
    expect(compareSequenceNumbers('7', '7')).toBe(0);
  });

  it('compares any two decimals, leading zeros included, exactly like BigInt', () => {
    const decimal = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 60n }).map(String), fc.stringMatching(/^[0-9]{1,30}$/));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const expected = BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
        expect(compareSequenceNumbers(a, b)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('hands back records already in order (one shard, as Lambda delivers them) without sorting', () => {
    const records = ['8', '9', '10', '11'].map((sequenceNumber) => ({ shardId: A, sequenceNumber }));
    expect(inShardSequenceOrder(records)).toBe(records);
  });

  it('orders records by sequence number within each shard, shards in first-seen order', () => {
    const records = [
      { shardId: B, sequenceNumber: '20', name: 'b20' },
      { shardId: A, sequenceNumber: '10', name: 'a10' },
      { shardId: B, sequenceNumber: '3', name: 'b3' },
      { shardId: A, sequenceNumber: '9', name: 'a9' },
    ];
    expect(inShardSequenceOrder(records).map((record) => record.name)).toEqual(['b3', 'b20', 'a9', 'a10']);
  });

  it('treats a record at or below the last applied number of its own shard as applied', () => {
    const applied = withAppliedPosition(withAppliedPosition({}, { shardId: A, sequenceNumber: '10' }), { shardId: B, sequenceNumber: '2' });
    expect(applied).toEqual({ [A]: '10', [B]: '2' });
    expect(isAlreadyApplied(applied, { shardId: A, sequenceNumber: '10' })).toBe(true);
    expect(isAlreadyApplied(applied, { shardId: A, sequenceNumber: '11' })).toBe(false);
    expect(isAlreadyApplied(applied, { shardId: B, sequenceNumber: '5' })).toBe(false);
    expect(isAlreadyApplied(applied, { shardId: 'shardId-000000000002', sequenceNumber: '1' })).toBe(false);
    expect(isAlreadyApplied(undefined, { shardId: A, sequenceNumber: '1' })).toBe(false);
  });
});
