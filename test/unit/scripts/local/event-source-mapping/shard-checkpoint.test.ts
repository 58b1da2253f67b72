import { ShardCheckpoint } from '../../../../../scripts/local/event-source-mapping/shard-checkpoint';
import { compareSequenceNumbers } from '../../../../../scripts/local/event-source-mapping/sequence-number';

describe('ShardCheckpoint', () => {
  it('moves only over a contiguous settled prefix', () => {
    const checkpoint = new ShardCheckpoint();
    ['1', '2', '3', '4'].forEach((sequenceNumber) => checkpoint.track(sequenceNumber));

    checkpoint.settle(['2', '4']);
    expect(checkpoint.sequenceNumber).toBeUndefined();
    expect(checkpoint.pending).toBe(4);

    checkpoint.settle(['1']);
    expect(checkpoint.sequenceNumber).toBe('2');

    checkpoint.settle(['3']);
    expect(checkpoint.sequenceNumber).toBe('4');
    expect(checkpoint.pending).toBe(0);
  });

  it('keeps working after compacting a long history', () => {
    const checkpoint = new ShardCheckpoint();
    for (let index = 1; index <= 5_000; index++) {
      checkpoint.track(String(index));
      checkpoint.settle([String(index)]);
    }
    checkpoint.track('5001');
    expect(checkpoint).toMatchObject({ sequenceNumber: '5000', pending: 1 });
  });
});

describe('sequence numbers', () => {
  it('compare as numbers of any length', () => {
    expect(compareSequenceNumbers('9', '10')).toBe(-1);
    expect(compareSequenceNumbers('49590338271490256608559692538361571095921575989136588898', '9')).toBe(1);
    expect(compareSequenceNumbers('007', '7')).toBe(0);
  });
});
