import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../geo/geo-distance.ts';
import { createHouseholdIndex } from './household-index.ts';
import { selectHouseholds } from './select-households.ts';
import { area, household, info, square } from './targeting.test-support.ts';

const { index } = createHouseholdIndex([
  household('inside', 33.75, 134.55),
  household('on-edge', 33.75, 134.5),
  household('on-vertex', 33.7, 134.5),
  household('outside', 33.75, 134.6000001),
  household('far', 33.9, 134.7, { localGovernmentCode: '172022', machiazaId: '0002002' }),
  household('machiaza', 33.6, 134.4, { machiazaId: '0001001' }),
]);

const reachedIds = (infos: Parameters<typeof selectHouseholds>[1]) => {
  const selection = selectHouseholds(index, infos);
  return index.households.filter((_, i) => selection.reached[i] === 1).map((h) => h.id);
};

describe('selectHouseholds', () => {
  it('reaches households inside a polygon, and on its edges and corners', () => {
    const polygon = square(33.7, 134.5, 33.8, 134.6);
    expect(reachedIds([info([area({ polygons: [polygon] })])])).toEqual(['inside', 'on-edge', 'on-vertex']);
  });

  it('closes an open ring rather than missing households', () => {
    const open = square(33.7, 134.5, 33.8, 134.6).slice(0, 4);
    expect(reachedIds([info([area({ polygons: [open] })])])).toEqual(['inside', 'on-edge', 'on-vertex']);
  });

  it('does not crash on a self-intersecting or too short ring that reaches it', () => {
    const bowtie = [
      { lat: 33.7, lon: 134.5 },
      { lat: 33.8, lon: 134.6 },
      { lat: 33.8, lon: 134.5 },
      { lat: 33.7, lon: 134.6 },
      { lat: 33.7, lon: 134.5 },
    ];
    const selection = selectHouseholds(index, [
      info([area({ polygons: [bowtie, [{ lat: 33.7, lon: 134.5 }], [{ lat: Number.NaN, lon: 1 }]] })]),
    ]);
    expect(selection.notes.map((n) => n.code)).toEqual(['polygon.unusable', 'polygon.unusable']);
    expect(selection.notes[0]?.where).toBe('infos[0].areas[0].polygons[1]');
  });

  it('reaches households within a circle by great-circle distance, the rim included', () => {
    const center = { lat: 33.75, lon: 134.56 };
    const toInside = distanceMetres(
      { latitude: center.lat, longitude: center.lon },
      { latitude: 33.75, longitude: 134.55 },
    );
    expect(reachedIds([info([area({ circles: [{ center, radiusKm: toInside / 1000 }] })])])).toEqual([
      'inside',
    ]);
    expect(reachedIds([info([area({ circles: [{ center, radiusKm: (toInside - 1) / 1000 }] })])])).toEqual(
      [],
    );
    expect(
      reachedIds([info([area({ circles: [{ center: { lat: 33.75, lon: 134.55 }, radiusKm: 0 }] })])]),
    ).toEqual(['inside']);
  });

  it('reaches households by 6-digit code, 12-digit 町字 code and JMA 7-digit area', () => {
    expect(reachedIds([info([area({ geocodes: [{ name: 'jisX0402', value: '172022' }] })])])).toEqual([
      'far',
    ]);
    expect(
      reachedIds([info([area({ geocodes: [{ name: 'MACHIAZA_ID', value: '363870001001' }] })])]),
    ).toEqual(['machiaza']);
    expect(reachedIds([info([area({ geocodes: [{ name: 'JMA_AREA', value: '1720200' }] })])])).toEqual([
      'far',
    ]);
  });

  it('widens a JMA sub-area to its municipality and says so', () => {
    const selection = selectHouseholds(index, [
      info([area({ geocodes: [{ name: 'JMA_AREA', value: '3638701' }] })]),
    ]);
    expect(selection.count).toBe(5);
    expect(selection.notes.map((n) => n.code)).toEqual(['geocode.widened']);
  });

  it('skips unknown systems and bad codes with a note', () => {
    const selection = selectHouseholds(index, [
      info([
        area({
          geocodes: [
            { name: 'SAME', value: '006113' },
            { name: 'jisX0402', value: '363872' },
            { name: 'MACHIAZA_ID', value: '0001001' },
          ],
        }),
      ]),
    ]);
    expect(selection.count).toBe(0);
    expect(selection.notes.map((n) => n.code)).toEqual([
      'geocode.unknown-system',
      'geocode.invalid',
      'geocode.invalid',
    ]);
  });

  it('takes the union of every shape of every area of every info, each household once', () => {
    const selection = selectHouseholds(index, [
      info([
        area({ polygons: [square(33.7, 134.5, 33.8, 134.6)] }),
        area({ geocodes: [{ name: 'jisX0402', value: '172022' }] }),
      ]),
      info(
        [
          area({
            circles: [{ center: { lat: 33.6, lon: 134.4 }, radiusKm: 0.1 }],
            geocodes: [{ name: 'jisX0402', value: '172022' }],
          }),
        ],
        {
          language: 'en-US',
        },
      ),
    ]);
    expect(selection.count).toBe(5);
    expect(index.households.filter((_, i) => selection.reached[i] === 1).map((h) => h.id)).toEqual([
      'inside',
      'on-edge',
      'on-vertex',
      'far',
      'machiaza',
    ]);
  });

  it('reaches nobody and says so when the alert names no area', () => {
    for (const infos of [[], [info([])], [info([area()])]]) {
      const selection = selectHouseholds(index, infos);
      expect(selection.count).toBe(0);
      expect(selection.notes.map((n) => n.code)).toEqual(['area.none']);
    }
  });
});
