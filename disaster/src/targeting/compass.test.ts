import { describe, expect, it } from 'vitest';
import { bearingDegrees, compassLabels, compassPoint } from './compass.ts';

const home = { latitude: 33.73, longitude: 134.53 };
const at = (dLat: number, dLon: number) => ({
  latitude: home.latitude + dLat,
  longitude: home.longitude + dLon,
});

describe('compassPoint', () => {
  it('names the eight directions in Japanese', () => {
    const seen = [
      at(0.01, 0),
      at(0.01, 0.012),
      at(0, 0.01),
      at(-0.01, 0.012),
      at(-0.01, 0),
      at(-0.01, -0.012),
      at(0, -0.01),
      at(0.01, -0.012),
    ].map((to) => compassLabels.ja[compassPoint(home, to)]);
    expect(seen).toEqual(['北', '北東', '東', '南東', '南', '南西', '西', '北西']);
  });

  it('measures bearings clockwise from north', () => {
    expect(bearingDegrees(home, at(0, 0.01))).toBeCloseTo(90, 1);
    expect(bearingDegrees(home, at(0, -0.01))).toBeCloseTo(270, 1);
    expect(compassPoint(home, at(0.01, 0.0001))).toBe('N');
  });
});
