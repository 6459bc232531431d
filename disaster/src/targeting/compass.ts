// Direction from a household to its shelter as people say it: 8 points (北, 北東, …), from the initial
// great-circle bearing.
import type { GeoPoint } from '../geo/geo-distance.ts';

export const compassPoints = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof compassPoints)[number];

export const compassLabels: Readonly<Record<'ja' | 'en', Record<CompassPoint, string>>> = {
  ja: { N: '北', NE: '北東', E: '東', SE: '南東', S: '南', SW: '南西', W: '西', NW: '北西' },
  en: {
    N: 'north',
    NE: 'north-east',
    E: 'east',
    SE: 'south-east',
    S: 'south',
    SW: 'south-west',
    W: 'west',
    NW: 'north-west',
  },
};

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Initial bearing in degrees clockwise from north, 0 ≤ b < 360. */
export function bearingDegrees(from: GeoPoint, to: GeoPoint): number {
  const φ1 = radians(from.latitude);
  const φ2 = radians(to.latitude);
  const Δλ = radians(to.longitude - from.longitude);
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

export function compassPoint(from: GeoPoint, to: GeoPoint): CompassPoint {
  return compassPoints[Math.round(bearingDegrees(from, to) / 45) % 8] ?? 'N';
}
