// DynamoDB item size from wire-format attribute values.
import { attributeValueBytes, dynamoDbItemBytes } from '../../../../scripts/bench/dynamodb-item-size';

describe('dynamoDbItemBytes', () => {
  it('adds attribute names and values: strings by UTF-8 length, booleans and nulls as one byte', () => {
    expect(dynamoDbItemBytes({ id: { S: 'abc' }, ok: { BOOL: true }, gone: { NULL: true } })).toBe(2 + 3 + 2 + 1 + 4 + 1);
  });

  it('sizes numbers by significant digits', () => {
    expect(attributeValueBytes({ N: '7' })).toBe(2);
    expect(attributeValueBytes({ N: '123456' })).toBe(4);
    expect(attributeValueBytes({ N: '1200' })).toBe(2);
  });

  it('adds 3 bytes per list or map and 1 byte per element', () => {
    expect(attributeValueBytes({ L: [{ S: 'a' }, { S: 'b' }] })).toBe(3 + 2 + 2);
    expect(attributeValueBytes({ M: { k: { S: 'v' } } })).toBe(3 + 1 + 1 + 1);
  });
});
