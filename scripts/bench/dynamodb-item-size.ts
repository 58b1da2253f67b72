// DynamoDB's size of an item in wire format (AttributeValue JSON), which is what write and read units are billed on.

type AttributeValue = Record<string, unknown>;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Numbers take about one byte per two significant digits, plus one (AWS: "up to 38 digits, 1 to 21 bytes"). */
function numberBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace(/[.eE].*$/, '').replace(/^0+/, '') + (text.split('.')[1] ?? '');
  return Math.ceil(Math.max(1, digits.replace(/0+$/, '').length) / 2) + 1;
}

/** Size of one attribute value; lists and maps add 3 bytes plus 1 byte per element (AWS "Item sizes and formats"). */
export function attributeValueBytes(value: AttributeValue): number {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8Bytes(String(content));
    case 'N':
      return numberBytes(String(content));
    case 'B':
      return Buffer.from(String(content), 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (content as string[]).reduce((sum, entry) => sum + utf8Bytes(entry), 0);
    case 'NS':
      return (content as string[]).reduce((sum, entry) => sum + numberBytes(entry), 0);
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, entry) => sum + 1 + attributeValueBytes(entry), 0);
    case 'M':
      return 3 + Object.entries(content as Record<string, AttributeValue>).reduce((sum, [name, entry]) => sum + 1 + utf8Bytes(name) + attributeValueBytes(entry), 0);
    default:
      return 0;
  }
}

/** Attribute names plus values. */
export function dynamoDbItemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Bytes(name) + attributeValueBytes(value), 0);
}
