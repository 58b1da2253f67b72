import { interpretBatchResponse } from '../../../../../scripts/local/event-source-mapping/batch-response';

const batch = new Set(['8', '9', '10', '11']);
const item = (itemIdentifier: unknown) => ({ itemIdentifier });

describe('interpretBatchResponse', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['""', ''],
    ['{}', {}],
    ['[]', []],
    ['{"batchItemFailures":[]}', { batchItemFailures: [] }],
    ['{"batchItemFailures":null}', { batchItemFailures: null }],
    ['an object without batchItemFailures', { processed: 4 }],
    ['the JSON text of an empty response', '{"batchItemFailures":[]}'],
  ])('reads %s as success', (_name, payload) => {
    expect(interpretBatchResponse(payload, batch)).toEqual({ kind: 'success' });
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [item('')] }],
    ['a null identifier', { batchItemFailures: [item(null)] }],
    ['a missing identifier', { batchItemFailures: [{ foo: 'bar' }] }],
    ['a numeric identifier', { batchItemFailures: [item(9)] }],
    ['an identifier not in the batch', { batchItemFailures: [item('123')] }],
    ['one bad item among good ones', { batchItemFailures: [item('9'), item('')] }],
    ['batchItemFailures that is not a list', { batchItemFailures: '9' }],
    ['a non-empty list', ['9']],
    ['a number', 42],
    ['text that is not JSON', 'oops'],
  ])('fails the whole batch for %s', (_name, payload) => {
    expect(interpretBatchResponse(payload, batch)).toMatchObject({ kind: 'invalid' });
  });

  it('picks the lowest sequence number numerically', () => {
    expect(interpretBatchResponse({ batchItemFailures: [item('11'), item('10'), item('9'), item('10')] }, batch)).toEqual({
      kind: 'partial',
      lowestFailedSequenceNumber: '9',
    });
  });

  it('parses a JSON text response', () => {
    expect(interpretBatchResponse('{"batchItemFailures":[{"itemIdentifier":"10"}]}', batch)).toEqual({
      kind: 'partial',
      lowestFailedSequenceNumber: '10',
    });
  });
});
