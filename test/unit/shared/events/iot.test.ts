// Unit tests: the IoT reading contract (strictness, metric bounds, request rules, device clock bound).
import {
  createIotIngestRequestSchema,
  iotRecordSchema,
  MAX_READINGS_PER_REQUEST,
  readingSchema,
} from '../../../../shared/events/iot';
import { toFieldErrors } from '../../../../shared/events/validation-errors';
import { at, iotRecord, reading, T0, uuid } from '../iot/fixtures';

const errorsOf = (result: { success: boolean; error?: Parameters<typeof toFieldErrors>[0] }) =>
  result.error === undefined ? [] : toFieldErrors(result.error).errors;

describe('readingSchema', () => {
  it('accepts a reading and normalises occurredAt to UTC with milliseconds', () => {
    const parsed = readingSchema.parse(
      reading({ occurredAt: '2026-11-02T12:00:00+02:00', location: { lat: 53.54, lon: 9.98, site: 'warehouse-hamburg' } }),
    );
    expect(parsed.occurredAt).toBe(T0);
    expect(parsed.location).toEqual({ lat: 53.54, lon: 9.98, site: 'warehouse-hamburg' });
  });

  it('rejects unknown fields at every level, so a client typo is a 400 and not silently lost data', () => {
    const result = readingSchema.safeParse({ ...reading(), firmware: '1.2', metrics: { temperature: 4, pressure: 1 } });
    expect(errorsOf(result)).toEqual([
      { path: 'metrics.pressure', message: 'Unknown field' },
      { path: 'firmware', message: 'Unknown field' },
    ]);
  });

  it('requires at least one metric', () => {
    expect(errorsOf(readingSchema.safeParse(reading({ metrics: {} })))).toEqual([
      { path: 'metrics', message: 'At least one metric is required (temperature, humidity, vibration, battery)' },
    ]);
  });

  it.each([
    ['temperature', -100.1],
    ['temperature', 200.1],
    ['humidity', 101],
    ['vibration', -1],
    ['battery', 100.5],
  ])('rejects a physically implausible %s of %d', (metric, value) => {
    expect(errorsOf(readingSchema.safeParse(reading({ metrics: { [metric]: value } })))[0]?.path).toBe(`metrics.${metric}`);
  });

  it('rejects a negative or fractional sequence, a non-UUID id, an unknown device type and a bad location', () => {
    const paths = (overrides: object) => errorsOf(readingSchema.safeParse({ ...reading(), ...overrides })).map((e) => e.path);
    expect(paths({ sequence: -1 })).toEqual(['sequence']);
    expect(paths({ sequence: 1.5 })).toEqual(['sequence']);
    expect(paths({ readingId: 'r-1' })).toEqual(['readingId']);
    expect(paths({ deviceType: 'toaster' })).toEqual(['deviceType']);
    expect(paths({ deviceId: 'me@example.com' })).toEqual(['deviceId']);
    expect(paths({ location: { lat: 91, lon: 0 } })).toEqual(['location.lat']);
    expect(paths({ schemaVersion: 2 })).toEqual(['schemaVersion']);
  });
});

describe('IoT ingest request', () => {
  const schema = createIotIngestRequestSchema(() => Date.parse(T0));

  it('accepts 1 to 500 readings', () => {
    const many = Array.from({ length: MAX_READINGS_PER_REQUEST }, (_, i) => reading({ readingId: uuid(i + 1), sequence: i }));
    expect(schema.safeParse({ readings: many }).success).toBe(true);
    expect(schema.safeParse({ readings: [...many, reading({ readingId: uuid(999), sequence: 999 })] }).success).toBe(false);
    expect(schema.safeParse({ readings: [] }).success).toBe(false);
  });

  it('rejects a repeated readingId and a repeated sequence of one device, naming the later reading', () => {
    const result = schema.safeParse({
      readings: [
        reading({ readingId: uuid(1), sequence: 1 }),
        reading({ readingId: uuid(1), sequence: 2 }),
        reading({ readingId: uuid(3), sequence: 1 }),
        reading({ readingId: uuid(4), sequence: 1, deviceId: 'fridge-2' }),
      ],
    });
    expect(errorsOf(result)).toEqual([
      { path: 'readings[1].readingId', message: 'Duplicate readingId in request' },
      { path: 'readings[2].sequence', message: 'Duplicate sequence for this device in request' },
    ]);
  });

  it('rejects readings more than five minutes ahead of the receiving clock', () => {
    const result = schema.safeParse({
      readings: [reading({ readingId: uuid(1), occurredAt: at(300) }), reading({ readingId: uuid(2), sequence: 2, occurredAt: at(301) })],
    });
    expect(errorsOf(result)).toEqual([
      { path: 'readings[1].occurredAt', message: 'More than 5 minutes in the future; check the device clock' },
    ]);
  });
});

describe('iotRecordSchema', () => {
  it('is the reading plus receivedAt', () => {
    expect(iotRecordSchema.parse(iotRecord())).toEqual(iotRecord());
    expect(errorsOf(iotRecordSchema.safeParse(reading()))).toEqual([{ path: 'receivedAt', message: expect.any(String) as string }]);
  });

  it('checks the clock bound against receivedAt, for producers that bypass the API', () => {
    expect(iotRecordSchema.safeParse(iotRecord({ occurredAt: at(300), receivedAt: T0 })).success).toBe(true);
    expect(errorsOf(iotRecordSchema.safeParse(iotRecord({ occurredAt: at(301), receivedAt: T0 })))[0]?.path).toBe('occurredAt');
  });
});
