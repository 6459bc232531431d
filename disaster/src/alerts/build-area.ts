// One area from the texts an adapter found, with every dropped or doubtful part recorded as a problem. All
// three adapters go through here, so a polygon or a geocode is judged the same whatever the source.
import type { AlertArea, AlertInfo, AlertProblem, Circle, Geocode, LatLon } from './alert-model.ts';
import { checkGeocode } from './area-codes.ts';
import { parseCircle, parsePolygon } from './coordinates.ts';

export interface RawArea {
  desc: string;
  polygons: string[];
  circles: string[];
  geocodes: Geocode[];
}

export function buildArea(raw: RawArea, where: string, problems: AlertProblem[]): AlertArea {
  const polygons: LatLon[][] = [];
  raw.polygons.forEach((text, index) => {
    const polygon = parsePolygon(text, (p) => problems.push({ ...p, where: `${where}.polygons[${index}]` }));
    if (polygon) polygons.push(polygon);
  });
  const circles: Circle[] = [];
  raw.circles.forEach((text, index) => {
    const circle = parseCircle(text, (p) => problems.push({ ...p, where: `${where}.circles[${index}]` }));
    if (circle) circles.push(circle);
  });
  const geocodes: Geocode[] = [];
  raw.geocodes.forEach((geocode, index) => {
    const at = `${where}.geocodes[${index}]`;
    const check = checkGeocode(geocode);
    if (check === 'invalid') {
      problems.push({
        severity: 'error',
        code: 'geocode.invalid',
        message: `${geocode.name} "${geocode.value}" is not a valid code of that system`,
        where: at,
      });
      return;
    }
    if (check === 'unknown-system') {
      // Kept: the backend may know the system even if this library does not; targeting skips it.
      problems.push({
        severity: 'warning',
        code: 'geocode.unknown-system',
        message: `geocode system "${geocode.name}" is not one of jisX0402, MACHIAZA_ID, JMA_AREA`,
        where: at,
      });
    }
    geocodes.push(geocode);
  });
  return { desc: raw.desc, polygons, circles, geocodes };
}

/** Flags an info that targets nowhere: CAP allows it, but targeting cannot reach anyone with it. */
export function checkInfoHasArea(info: AlertInfo, where: string, problems: AlertProblem[]): void {
  const targetable = info.areas.some(
    (area) => area.polygons.length > 0 || area.circles.length > 0 || area.geocodes.length > 0,
  );
  if (targetable) return;
  problems.push({
    severity: 'warning',
    code: 'area.none',
    message:
      info.areas.length === 0
        ? 'no <area>: the message names no place'
        : 'no usable polygon, circle or geocode in any area',
    where,
  });
}
