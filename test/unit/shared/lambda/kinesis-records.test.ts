// Unit tests: decoding Kinesis records and building dead letters.
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
