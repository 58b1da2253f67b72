// Unit tests: the normalised-timestamp parser and formatter agree with Date for every instant they handle, and defer to it otherwise.
import fc from 'fast-check';
import { isoUtcMillis, isoUtcString } from '../../../../shared/events/iso-utc';

/** Year 0000 to 9999: every instant toISOString writes in the 24-character form. */
const fourDigitYears = fc.integer({ min: Date.parse('0000-01-01T00:00:00.000Z'), max: Date.parse('9999-12-31T23:59:59.999Z') });

describe('isoUtcMillis', () => {
  it('equals Date.parse for every instant from year 0000 to 9999', () => {
    fc.assert(
      fc.property(fourDigitYears, (ms) => {
        expect(isoUtcMillis(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['leap day', '2024-02-29T00:00:00.000Z'],
    ['a day past the month end, which Date.parse rolls over', '2026-02-30T12:00:00.000Z'],
    ['year 0000', '0000-03-01T00:00:00.000Z'],
    ['a two-digit year, which Date.UTC would read as 19xx', '0050-06-15T08:30:00.250Z'],
    ['month 13', '2026-13-01T00:00:00.000Z'],
    ['hour 24', '2026-01-01T24:00:00.000Z'],
    ['a letter among the digits', '2026-01-01T00:00:0a.000Z'],
    ['no milliseconds', '2026-01-01T00:00:00Z'],
    ['an offset', '2026-01-01T01:00:00.000+01:00'],
    ['not a timestamp', 'yesterday'],
  ])('equals Date.parse for %s', (_, iso) => {
    expect(isoUtcMillis(iso)).toEqual(Date.parse(iso));
  });
});

describe('isoUtcString', () => {
  it('equals toISOString for every instant from year 0000 to 9999', () => {
    fc.assert(
      fc.property(fourDigitYears, (ms) => {
        expect(isoUtcString(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['the epoch', 0],
    ['a millisecond before it', -1],
    ['year 10000', 253_402_300_800_000],
    ['a fraction of a millisecond', 1.5],
  ])('equals toISOString for %s', (_, ms) => {
    expect(isoUtcString(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws like toISOString for an invalid time', () => {
    expect(() => isoUtcString(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips with isoUtcMillis', () => {
    fc.assert(fc.property(fourDigitYears, (ms) => isoUtcMillis(isoUtcString(ms)) === ms));
  });
});
