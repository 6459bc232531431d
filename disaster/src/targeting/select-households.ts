// Which households an alert's areas reach: the union of every polygon, circle and geocode of every area of
// every info. A household on a polygon's edge or a circle's rim counts as inside (an alert overshoots rather
// than misses). Shapes come from the alert parser, which has already dropped unusable ones (swapped, open
// beyond repair, self-intersecting); what still cannot be used here is skipped with a note, never a crash.
import type { AlertInfo, Circle, Geocode, LatLon } from '../alerts/index.ts';
import { geocodeSystems, isLocalGovernmentCode, jmaAreaToLocalGovernment } from '../alerts/index.ts';
import { distanceMetres } from '../geo/geo-distance.ts';
import type { HouseholdIndex } from './household-index.ts';
import { createPolygonTest } from './polygon-test.ts';

export interface TargetingNote {
  code:
    | 'area.none'
    | 'polygon.unusable'
    | 'circle.unusable'
    | 'geocode.unknown-system'
    | 'geocode.invalid'
    | 'geocode.widened';
  message: string;
  /** Path into the alert, e.g. `infos[0].areas[1].geocodes[0]`. */
  where: string;
}

export interface Selection {
  /** 1 at the position of every household reached. */
  reached: Uint8Array;
  count: number;
  notes: TargetingNote[];
}

const mark = (selection: Selection, position: number) => {
  if (selection.reached[position] === 1) return;
  selection.reached[position] = 1;
  selection.count++;
};

function selectPolygon(index: HouseholdIndex, ring: readonly LatLon[], selection: Selection, where: string) {
  const valid = ring.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const first = valid[0];
  const last = valid[valid.length - 1];
  // The parser closes open rings; close one here too rather than depend on it.
  const closed =
    first && last && (first.lat !== last.lat || first.lon !== last.lon) ? [...valid, first] : valid;
  if (valid.length !== ring.length || closed.length < 4) {
    selection.notes.push({ code: 'polygon.unusable', message: 'polygon has too few usable points', where });
    return;
  }
  const test = createPolygonTest(closed);
  for (const position of index.points.range(test.minLon, test.minLat, test.maxLon, test.maxLat)) {
    if (selection.reached[position] === 1) continue;
    if (test.contains(index.latitudes[position] as number, index.longitudes[position] as number)) {
      mark(selection, position);
    }
  }
}

const metresPerDegreeLat = (Math.PI / 180) * 6_371_008.8;

function selectCircle(index: HouseholdIndex, circle: Circle, selection: Selection, where: string) {
  const { center, radiusKm } = circle;
  if (!Number.isFinite(center.lat) || !Number.isFinite(center.lon) || !(radiusKm >= 0)) {
    selection.notes.push({
      code: 'circle.unusable',
      message: 'circle has no usable centre or radius',
      where,
    });
    return;
  }
  const radius = radiusKm * 1000;
  // A box around the circle (with a margin for the sphere), then the exact great-circle distance.
  const dLat = (radius / metresPerDegreeLat) * 1.01 + 1e-9;
  const cos = Math.cos((Math.min(89, Math.abs(center.lat) + dLat) * Math.PI) / 180);
  const dLon = dLat / Math.max(cos, 1e-6);
  const centre = { latitude: center.lat, longitude: center.lon };
  const limit = radius * (1 + 1e-12) + 1e-6;
  for (const position of index.points.range(
    center.lon - dLon,
    center.lat - dLat,
    center.lon + dLon,
    center.lat + dLat,
  )) {
    if (selection.reached[position] === 1) continue;
    const household = index.households[position];
    if (household && distanceMetres(centre, household) <= limit) mark(selection, position);
  }
}

function selectGeocode(index: HouseholdIndex, geocode: Geocode, selection: Selection, where: string) {
  const { name, value } = geocode;
  const note = (code: TargetingNote['code'], message: string) =>
    selection.notes.push({ code, message, where });
  let positions: readonly number[] | undefined;
  if (name === geocodeSystems.localGovernment) {
    if (!isLocalGovernmentCode(value))
      return note('geocode.invalid', `jisX0402 "${value}" fails its check digit`);
    positions = index.byLocalGovernment.get(value);
  } else if (name === geocodeSystems.machiaza) {
    if (!/^\d{12}$/.test(value)) return note('geocode.invalid', `MACHIAZA_ID "${value}" is not 12 digits`);
    positions = index.byMachiaza.get(value);
  } else if (name === geocodeSystems.jmaArea) {
    if (!/^\d{7}$/.test(value)) return note('geocode.invalid', `JMA_AREA "${value}" is not 7 digits`);
    if (!value.endsWith('00')) {
      // A part of a municipality (e.g. 浜松市北部): its outline is not in our data, so the whole one is reached.
      note(
        'geocode.widened',
        `JMA_AREA ${value} is part of a municipality; the whole municipality is reached`,
      );
    }
    positions = index.byLocalGovernment.get(jmaAreaToLocalGovernment(value));
  } else {
    return note('geocode.unknown-system', `geocode system "${name}" is not known here; skipped`);
  }
  for (const position of positions ?? []) mark(selection, position);
}

export function selectHouseholds(index: HouseholdIndex, infos: readonly AlertInfo[]): Selection {
  const selection: Selection = { reached: new Uint8Array(index.households.length), count: 0, notes: [] };
  let shapes = 0;
  infos.forEach((info, i) => {
    info.areas.forEach((area, a) => {
      const where = `infos[${i}].areas[${a}]`;
      area.polygons.forEach((ring, p) => {
        shapes++;
        selectPolygon(index, ring, selection, `${where}.polygons[${p}]`);
      });
      area.circles.forEach((circle, c) => {
        shapes++;
        selectCircle(index, circle, selection, `${where}.circles[${c}]`);
      });
      area.geocodes.forEach((geocode, g) => {
        shapes++;
        selectGeocode(index, geocode, selection, `${where}.geocodes[${g}]`);
      });
    });
  });
  if (shapes === 0) {
    selection.notes.push({
      code: 'area.none',
      message: 'the alert names no polygon, circle or geocode',
      where: 'infos',
    });
  }
  return selection;
}
