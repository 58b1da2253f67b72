// Unit tests: the fail-fast environment reader.
import { positiveIntegerEnv, readConfig, requiredEnv } from '../../../../shared/lambda/config';

describe('readConfig', () => {
  const shape = { TABLE: requiredEnv(), TTL_DAYS: positiveIntegerEnv() };

  it('returns typed values', () => {
    expect(readConfig(shape, { TABLE: 'sessions', TTL_DAYS: '30', OTHER: 'x' })).toEqual({ TABLE: 'sessions', TTL_DAYS: 30 });
  });

  it('names every missing or invalid variable in one error', () => {
    expect(() => readConfig(shape, { TTL_DAYS: '3.5' })).toThrow(
      'Invalid configuration: TABLE is not set; TTL_DAYS must be a positive integer',
    );
    expect(() => readConfig(shape, { TABLE: '', TTL_DAYS: '0' })).toThrow(
      'Invalid configuration: TABLE is empty; TTL_DAYS must be a positive integer',
    );
  });
});
