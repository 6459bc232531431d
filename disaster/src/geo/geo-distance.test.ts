import { describe, expect, it } from 'vitest';
import { distanceMetres } from './geo-distance.ts';

describe('distanceMetres', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { latitude: 33.7311, longitude: 134.5331 };
    const b = { latitude: 33.775, longitude: 134.591 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6);
  });

  it('measures one degree of latitude as about 111.2 km', () => {
    const d = distanceMetres({ latitude: 33, longitude: 134 }, { latitude: 34, longitude: 134 });
    expect(d).toBeGreaterThan(111_100);
    expect(d).toBeLessThan(111_300);
  });

  it('measures 日和佐公民館 to 由岐公民館 (美波町) as about 7 km', () => {
    const hiwasa = { latitude: 33.731103, longitude: 134.533055 };
    const yuki = { latitude: 33.775028, longitude: 134.591015 };
    const d = distanceMetres(hiwasa, yuki);
    expect(d).toBeGreaterThan(7_000);
    expect(d).toBeLessThan(7_600);
  });
});
