// Unit tests: decoding Kinesis records and building dead letters.
import fc from 'fast-check';
import { clickstreamRecordSchema } from '../../../../shared/events/clickstream';
import { deadLetterFor, decodeKinesisRecord, shardIdOf } from '../../../../shared/lambda/kinesis-records';
import { clickRecord, kinesisRecord, STREAM_ARN } from '../fixtures/clickstream';

describe('decodeKinesisRecord', () => {
  it('decodes base64 → UTF-8 → JSON and validates', () => {
    const payload = clickRecord({ page: { url: 'https://shop.example.com/café', path: '/café' } });
    const result = decodeKinesisRecord(kinesisRecord('7', payload, { shardId: 'shardId-000000000003' }), clickstreamRecordSchema);
    expect(result).toEqual({
      ok: true,
      value: { shardId: 'shardId-000000000003', sequenceNumber: '7', partitionKey: 'session-1', payload },
    });
  });

  it.each([
    ['invalid-base64', kinesisRecord('1', '', { base64: 'not base64!' })],
    ['invalid-utf8', kinesisRecord('1', '', { base64: Buffer.from([0xff, 0xfe, 0x7b]).toString('base64') })],
    ['invalid-json', kinesisRecord('1', '{"eventId":')],
    ['invalid-json', kinesisRecord('1', '')],
  ])('reports %s', (reason, record) => {
    expect(decodeKinesisRecord(record, clickstreamRecordSchema)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['URL-safe alphabet', 'eyJh-_==', 'invalid-base64'],
    ['whole groups, no padding needed (valid base64, invalid JSON)', 'eyJhIjox', 'invalid-json'],
    ['missing padding', 'eyJhIjoxfQ', 'invalid-base64'],
    ['whitespace', 'eyJh IjoxfQ==', 'invalid-base64'],
    ['padding in the middle', 'eyJ=IjoxfQ==', 'invalid-base64'],
  ])('checks base64 canonically (%s)', (_case, base64, reason) => {
    expect(decodeKinesisRecord(kinesisRecord('1', '', { base64 }), clickstreamRecordSchema)).toMatchObject({ ok: false, reason });
  });

  it('accepts exactly the strings the canonical base64 grammar accepts', () => {
    const canonical = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    const characters = fc.constantFrom(...'AQgw09+/=-_ \n!.é\u0000'.split(''));
    const text = fc.oneof(
      fc.string({ unit: characters, maxLength: 16 }),
      fc.tuple(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: characters, maxLength: 3 })).map(
        ([bytes, suffix]) => Buffer.from(bytes).toString('base64') + suffix,
      ),
    );
    fc.assert(
      fc.property(text, (base64) => {
        const result = decodeKinesisRecord(kinesisRecord('1', '', { base64 }), clickstreamRecordSchema);
        expect(result.ok === false && result.reason === 'invalid-base64').toBe(!canonical.test(base64));
      }),
      { numRuns: 2000 },
    );
  });

  it('reports schema violations with field paths', () => {
    const result = decodeKinesisRecord(kinesisRecord('1', { ...clickRecord(), receivedAt: 'yesterday' }), clickstreamRecordSchema);
    expect(result).toMatchObject({ ok: false, reason: 'schema-validation', errors: [{ path: 'receivedAt' }] });
  });
});

describe('deadLetterFor', () => {
  it('keeps the raw data and where the record came from', () => {
    const record = kinesisRecord('42', '{oops', { shardId: 'shardId-000000000001', partitionKey: 'session-9' });
    expect(deadLetterFor({ record, reason: 'invalid-json' }, 'consume', new Date('2026-11-02T10:00:00Z'))).toEqual({
      reason: 'invalid-json',
      source: {
        eventSourceARN: STREAM_ARN,
        shardId: 'shardId-000000000001',
        sequenceNumber: '42',
        partitionKey: 'session-9',
        approximateArrivalTimestamp: 1793614531.123,
      },
      data: Buffer.from('{oops').toString('base64'),
      function: 'consume',
      at: '2026-11-02T10:00:00.000Z',
    });
    expect(shardIdOf(record)).toBe('shardId-000000000001');
  });
});
