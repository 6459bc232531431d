// CAP shapes from text (CAP 1.2 §3.2.4: "lat,lon lat,lon …" polygons, "lat,lon radius-km" circles; L-Alert
// also writes circles "lat,lon,radius"), checked before anything targets households with them. A shape that
// cannot be trusted is dropped with an error problem; one that can be read without guessing is kept with a
// warning. Swapped coordinates are not "fixed": guessing the order of an evacuation area is worse than
// saying it is wrong.
import { polygon as turfPolygon } from '@turf/helpers';
import kinks from '@turf/kinks';
import type { AlertProblem, Circle, LatLon } from './alert-model.ts';

/** Japan's extent with a margin: 沖ノ鳥島 20.4°N, 択捉島 45.6°N, 与那国島 122.9°E, 南鳥島 154.0°E. */
const japan = { minLat: 20, maxLat: 46, minLon: 122, maxLon: 154 } as const;

const inJapan = ({ lat, lon }: LatLon) =>
  lat >= japan.minLat && lat <= japan.maxLat && lon >= japan.minLon && lon <= japan.maxLon;

const number = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function parsePoint(text: string): LatLon | null {
  const parts = text.split(',');
  if (parts.length !== 2 || !parts.every((part) => number.test(part.trim()))) return null;
  return { lat: Number(parts[0]), lon: Number(parts[1]) };
}

type Report = (problem: Omit<AlertProblem, 'where'>) => void;

/** Range and order checks shared by polygons and circles; false when the shape must be dropped. */
function checkPoints(points: LatLon[], report: Report): boolean {
  const looksSwapped = (p: LatLon) => inJapan({ lat: p.lon, lon: p.lat });
  if (points.some((p) => Math.abs(p.lat) > 90) || points.every((p) => !inJapan(p) && looksSwapped(p))) {
    const swappedToo = points.every(looksSwapped);
    if (swappedToo) {
      report({
        severity: 'error',
        code: 'coordinates.swapped',
        message: 'coordinates read as lon,lat (they fall in Japan only when swapped); CAP writes lat,lon',
      });
      return false;
    }
  }
  if (points.some((p) => Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180)) {
    report({ severity: 'error', code: 'coordinates.invalid', message: 'latitude or longitude out of range' });
    return false;
  }
  if (!points.every(inJapan)) {
    report({
      severity: 'warning',
      code: 'coordinates.outside-japan',
      message: 'shape reaches outside Japan',
    });
  }
  return true;
}

/** A closed ring, or null (reported) when the text cannot be used. */
export function parsePolygon(text: string, report: Report): LatLon[] | null {
  const pairs = text.trim().split(/\s+/);
  const points: LatLon[] = [];
  for (const pair of pairs) {
    const point = parsePoint(pair);
    if (point === null) {
      report({
        severity: 'error',
        code: 'coordinates.invalid',
        message: `"${pair.slice(0, 40)}" is not lat,lon`,
      });
      return null;
    }
    points.push(point);
  }
  if (!checkPoints(points, report)) return null;
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && (first.lat !== last.lat || first.lon !== last.lon)) {
    // An open ring has one reading only: close it back to its first point.
    report({ severity: 'warning', code: 'polygon.open', message: 'polygon was not closed; closed it' });
    points.push({ ...first });
  }
  if (points.length < 4) {
    report({
      severity: 'error',
      code: 'polygon.too-short',
      message: `polygon has ${points.length} points; a ring needs at least 4 (first = last)`,
    });
    return null;
  }
  const found = kinks(turfPolygon([points.map((p) => [p.lon, p.lat])]));
  if (found.features.length > 0) {
    const at = found.features[0]?.geometry.coordinates;
    report({
      severity: 'error',
      code: 'polygon.self-intersecting',
      message: `polygon crosses itself${at ? ` near ${at[1]?.toFixed(5)},${at[0]?.toFixed(5)}` : ''}`,
    });
    return null;
  }
  return points;
}

/** "lat,lon radius" (CAP) or "lat,lon,radius" (L-Alert), radius in km; null (reported) when unusable. */
export function parseCircle(text: string, report: Report): Circle | null {
  const match = /^\s*([^\s,]+)\s*,\s*([^\s,]+)(?:\s*,\s*|\s+)([^\s,]+)\s*$/.exec(text);
  const radius = match?.[3];
  const center = match ? parsePoint(`${match[1]},${match[2]}`) : null;
  if (!center || radius === undefined || !number.test(radius) || Number(radius) < 0) {
    report({
      severity: 'error',
      code: 'circle.invalid',
      message: `"${text.trim().slice(0, 60)}" is not "lat,lon radius-km"`,
    });
    return null;
  }
  if (!checkPoints([center], report)) return null;
  return { center, radiusKm: Number(radius) };
}
