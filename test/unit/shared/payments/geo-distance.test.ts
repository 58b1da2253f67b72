// Unit tests: haversine distances against known great-circle distances.
import { haversineKm } from '../../../../shared/payments/geo-distance';
import { BERLIN, NEW_YORK, PARIS } from './payment-fixtures';

describe('haversineKm', () => {
  it('gives known city distances within 1 %', () => {
    expect(haversineKm(PARIS, NEW_YORK)).toBeGreaterThan(5837 * 0.99);
    expect(haversineKm(PARIS, NEW_YORK)).toBeLessThan(5837 * 1.01);
    expect(haversineKm(BERLIN, PARIS)).toBeGreaterThan(878 * 0.99);
    expect(haversineKm(BERLIN, PARIS)).toBeLessThan(878 * 1.01);
  });

  it('is zero for one point, symmetric, and finite for antipodes', () => {
    expect(haversineKm(PARIS, PARIS)).toBe(0);
    expect(haversineKm(PARIS, BERLIN)).toBeCloseTo(haversineKm(BERLIN, PARIS), 9);
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});
