// Unit tests: the recently applied event ids (lossless compact form, bounded window, no false "seen" across id boundaries).
import fc from 'fast-check';
import {
  COMPACT_EVENT_ID_LENGTH,
  compactEventId,
  NO_RECENT_EVENT_IDS,
  recentEventIdsSchema,
  wasRecentlyApplied,
  withAppliedEventId,
  type CompactEventId,
  type RecentEventIds,
} from '../../../../shared/streams/recent-event-ids';

/** The UUID whose compact form is `compact` (a 22-character base64url string whose last character carries 2 bits). */
const uuidOf = (compact: string): string =>
  Buffer.from(compact, 'base64url')
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

const rememberAll = (ids: readonly CompactEventId[], capacity: number): RecentEventIds =>
  ids.reduce((recent, id) => withAppliedEventId(recent, id, capacity), NO_RECENT_EVENT_IDS);

describe('compactEventId', () => {
  it('is the base64url form of the UUID’s 16 bytes: 22 characters for 36', () => {
    expect(compactEventId('00000000-0000-4000-8000-000000000001')).toBe('AAAAAAAAQACAAAAAAAAAAQ');
    expect(compactEventId('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe('_____________________w');
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(compactEventId(uuid)).toBe(Buffer.from(uuid.replaceAll('-', ''), 'hex').toString('base64url'));
        expect(compactEventId(uuid)).toHaveLength(COMPACT_EVENT_ID_LENGTH);
      }),
      { numRuns: 500 },
    );
  });

  it('is lossless: two ids share a form exactly when they are the same UUID, in any letter case', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        expect(compactEventId(a) === compactEventId(b)).toBe(a.toLowerCase() === b.toLowerCase());
        expect(compactEventId(a.toUpperCase())).toBe(compactEventId(a));
        expect(uuidOf(compactEventId(a))).toBe(a.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });

  it('rejects what is not a UUID instead of storing a form that could collide', () => {
    for (const notUuid of [
      '',
      'r-1',
      '3f1c2b7e8d4a4c1e9b2f1a2b3c4d5e6f',
      '3f1c2b7e-8d4a-4c1e-9b2f-1a2b3c4d5e6',
      '3f1c2b7e-8d4a-4c1e-9b2f-1a2b3c4d5e6g',
      '3f1c2b7e_8d4a-4c1e-9b2f-1a2b3c4d5e6f',
      '3f1c2b7e-8d4a-4c1e-9b2f-1a2b3c4d5e6é',
    ]) {
      expect(() => compactEventId(notUuid)).toThrow(RangeError);
    }
  });
});

describe('recently applied event ids', () => {
  const ids = Array.from({ length: 20 }, (_, n) => compactEventId(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`));

  it('remembers nothing at first, also for items stored before the field existed', () => {
    expect(wasRecentlyApplied(NO_RECENT_EVENT_IDS, ids[0]!)).toBe(false);
    expect(wasRecentlyApplied(undefined, ids[0]!)).toBe(false);
    expect(withAppliedEventId(undefined, ids[0]!, 4)).toBe(ids[0]);
  });

  it('remembers the last `capacity` ids, oldest first, and forgets older ones', () => {
    const recent = rememberAll(ids.slice(0, 6), 4);
    expect(recent).toBe(ids.slice(2, 6).join(''));
    expect(ids.slice(0, 2).map((id) => wasRecentlyApplied(recent, id))).toEqual([false, false]);
    expect(ids.slice(2, 6).map((id) => wasRecentlyApplied(recent, id))).toEqual([true, true, true, true]);
    expect(wasRecentlyApplied(recent, ids[6]!)).toBe(false);
  });

  it('cuts a list stored with a larger capacity down to the current one', () => {
    const stored = rememberAll(ids.slice(0, 10), 10);
    expect(withAppliedEventId(stored, ids[10]!, 3)).toBe(ids.slice(8, 11).join(''));
    expect(withAppliedEventId(stored, ids[10]!, 1)).toBe(ids[10]);
  });

  it('never reports an id that only appears across the boundary of two remembered ids', () => {
    // `straddling` is the second half of `left` followed by the first half of `right`: a substring, not an id.
    const left = compactEventId(uuidOf('xxxxxxxxxxxCCCCCCCCCCA'));
    const right = compactEventId(uuidOf('ccccccccccAyyyyyyyyyyA'));
    const straddling = compactEventId(uuidOf('CCCCCCCCCCAccccccccccA'));
    const recent = rememberAll([left, right], 16);
    expect(recent.includes(straddling)).toBe(true);
    expect(wasRecentlyApplied(recent, straddling)).toBe(false);
    expect(wasRecentlyApplied(withAppliedEventId(recent, straddling, 16), straddling)).toBe(true);
  });

  it('answers like a list of the last `capacity` ids applied, for any ids and capacity', () => {
    const pool = fc.constantFrom(...ids.slice(0, 8));
    fc.assert(
      fc.property(fc.array(pool, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), pool, (applied, capacity, probe) => {
        const recent = rememberAll(applied, capacity);
        expect(wasRecentlyApplied(recent, probe)).toBe(applied.slice(-capacity).includes(probe));
        expect(recent).toHaveLength(Math.min(applied.length, capacity) * COMPACT_EVENT_ID_LENGTH);
        expect(recentEventIdsSchema.safeParse(recent).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts only whole concatenated ids when read back from an item', () => {
    expect(recentEventIdsSchema.safeParse(ids.slice(0, 3).join('')).success).toBe(true);
    expect(recentEventIdsSchema.safeParse('').success).toBe(true);
    expect(recentEventIdsSchema.safeParse(ids.slice(0, 2).join('').slice(1)).success).toBe(false);
    expect(recentEventIdsSchema.safeParse('3f1c2b7e-8d4a-4c1e-9b2f-1a2b3c4d5e6f').success).toBe(false);
  });
});
