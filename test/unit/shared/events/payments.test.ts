// Unit tests: the payments contract (transactions, ingest request, decision records), including PAN rejection.
import fc from 'fast-check';
import {
  cardToken,
  createPaymentsIngestRequestSchema,
  MAX_TRANSACTIONS_PER_REQUEST,
  paymentsIngestRequestSchema,
  transactionRecordSchema,
  transactionSchema,
} from '../../../../shared/events/payments';
import { toFieldErrors } from '../../../../shared/events/validation-errors';
import { transaction, uuid } from '../payments/payment-fixtures';

const errorsFor = (input: unknown) => {
  const result = transactionSchema.safeParse(input);
  return result.success ? [] : toFieldErrors(result.error).errors;
};

describe('transactionSchema', () => {
  it('accepts a valid transaction and normalises occurredAt to UTC with milliseconds', () => {
    const parsed = transactionSchema.parse(transaction({ occurredAt: '2026-11-02T12:15:30+02:00', merchantName: 'Corner Shop' }));
    expect(parsed.occurredAt).toBe('2026-11-02T10:15:30.000Z');
  });

  it('accepts a transaction without location and merchant name', () => {
    const { location: _location, ...withoutLocation } = transaction({ channel: 'online' });
    expect(transactionSchema.safeParse(withoutLocation).success).toBe(true);
  });

  it.each(['4111111111111111', '411111111111', '4111111111111111111', '4111-1111-1111-1111', '4111.1111.1111.1111'])(
    'rejects a cardId that looks like a card number: %s',
    (cardId) => {
      expect(errorsFor(transaction({ cardId }))).toEqual([
        { path: 'cardId', message: 'cardId looks like a card number (PAN); send the card token instead, never the PAN' },
      ]);
    },
  );

  it('rejects exactly the ids that are 12 to 19 digits once - . _ : are removed', () => {
    // Mostly digits, so that many generated ids are card-number shaped.
    const idCharacter = fc.constantFrom('4', '1', '0', '9', '4', '1', '0', '9', '-', '.', '_', ':', 'a');
    fc.assert(
      fc.property(fc.array(idCharacter, { minLength: 1, maxLength: 28 }), (characters) => {
        const cardId = characters.join('');
        const isPan = /^\d{12,19}$/.test(cardId.replace(/[-._:]/g, ''));
        expect(cardToken.safeParse(cardId).success).toBe(!isPan);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['41111111111', '41111111111111111111', 'tok_4111111111111111', 'card-tok-1'])('accepts the card token %s', (cardId) => {
    expect(errorsFor(transaction({ cardId }))).toEqual([]);
  });

  it.each([0.01, 0.29, 19.99, 1_000_000])('accepts the amount %s', (amount) => {
    expect(errorsFor(transaction({ amount }))).toEqual([]);
  });

  it.each([
    [0, 'amount'],
    [-5, 'amount'],
    [10.001, 'amount'],
    [1_000_000.01, 'amount'],
  ])('rejects the amount %s', (amount, path) => {
    expect(errorsFor(transaction({ amount })).map((error) => error.path)).toEqual([path]);
  });

  it('names the decimal-places rule', () => {
    expect(errorsFor(transaction({ amount: 1.234 }))).toEqual([{ path: 'amount', message: 'Use at most 2 decimal places' }]);
  });

  it.each([
    ['mcc', '541'],
    ['mcc', 'ab12'],
    ['currency', 'eur'],
    ['currency', 'EURO'],
    ['country', 'DEU'],
    ['channel', 'phone'],
    ['transactionId', 'not-a-uuid'],
    ['occurredAt', '2026-11-02 10:00:00'],
    ['merchantId', 'shop@example.com'],
  ])('rejects an invalid %s (%s)', (field, value) => {
    expect(errorsFor({ ...transaction(), [field]: value }).map((error) => error.path)).toEqual([field]);
  });

  it('rejects out-of-range coordinates and unknown fields', () => {
    expect(errorsFor(transaction({ location: { lat: 91, lon: 0 } })).map((e) => e.path)).toEqual(['location.lat']);
    expect(errorsFor({ ...transaction(), pan: '4111111111111111' })).toEqual([{ path: 'pan', message: 'Unknown field' }]);
  });

  it('requires schemaVersion 1', () => {
    expect(errorsFor({ ...transaction(), schemaVersion: 2 }).map((e) => e.path)).toEqual(['schemaVersion']);
  });
});

describe('paymentsIngestRequestSchema', () => {
  it(`accepts 1 to ${MAX_TRANSACTIONS_PER_REQUEST} transactions`, () => {
    const many = Array.from({ length: MAX_TRANSACTIONS_PER_REQUEST }, (_, i) => transaction({ transactionId: uuid(i + 1) }));
    expect(paymentsIngestRequestSchema.safeParse({ transactions: many }).success).toBe(true);
    expect(paymentsIngestRequestSchema.safeParse({ transactions: [] }).success).toBe(false);
    expect(paymentsIngestRequestSchema.safeParse({ transactions: [...many, transaction({ transactionId: uuid(999) })] }).success).toBe(
      false,
    );
  });

  it('reports a duplicate transactionId where it occurs', () => {
    const result = paymentsIngestRequestSchema.safeParse({ transactions: [transaction(), transaction()] });
    expect(result.success ? [] : toFieldErrors(result.error).errors).toEqual([
      { path: 'transactions[1].transactionId', message: 'Duplicate transactionId in request' },
    ]);
  });

  it('rejects transactions more than five minutes ahead of the receiving clock', () => {
    const schema = createPaymentsIngestRequestSchema(() => Date.parse(transaction().occurredAt) - 5 * 60_000);
    const ahead = transaction({ transactionId: uuid(2), occurredAt: new Date(Date.parse(transaction().occurredAt) + 1).toISOString() });
    const result = schema.safeParse({ transactions: [transaction(), ahead] });
    expect(result.success ? [] : toFieldErrors(result.error).errors).toEqual([
      { path: 'transactions[1].occurredAt', message: 'More than 5 minutes in the future; check the terminal clock' },
    ]);
  });
});

describe('transactionRecordSchema', () => {
  it('requires receivedAt on stream records', () => {
    expect(transactionRecordSchema.safeParse(transaction()).success).toBe(false);
    expect(transactionRecordSchema.safeParse({ ...transaction(), receivedAt: '2026-11-02T10:00:01.000Z' }).success).toBe(true);
  });

  it('checks the clock bound against receivedAt, for producers that bypass the API', () => {
    const receivedAt = new Date(Date.parse(transaction().occurredAt) - 5 * 60_000 - 1).toISOString();
    const result = transactionRecordSchema.safeParse({ ...transaction(), receivedAt });
    expect(result.success ? [] : toFieldErrors(result.error).errors.map((error) => error.path)).toEqual(['occurredAt']);
  });
});
