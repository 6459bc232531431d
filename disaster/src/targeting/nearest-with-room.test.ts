import { describe, expect, it } from 'vitest';
import { createNearestWithRoom } from './nearest-with-room.ts';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createNearestWithRoom', () => {
  it('finds the same place as a full scan, inside and outside the grid, as places fill up', () => {
    const next = random(11);
    const places = Array.from({ length: 300 }, () => ({
      latitude: 33.66 + 0.14 * next(),
      longitude: 134.45 + 0.16 * next(),
      room: 1 + Math.floor(next() * 6),
    }));
    const scan = places.map((p) => ({ ...p }));
    const grid = createNearestWithRoom(places);
    const scale = Math.cos((places.reduce((s, p) => s + p.latitude, 0) / places.length) * (Math.PI / 180));
    for (let k = 0; k < 1500; k++) {
      const latitude = 33.6 + 0.26 * next();
      const longitude = 134.4 + 0.26 * next();
      const people = 1 + Math.floor(next() * 3);
      let best = -1;
      let bestScore = Number.POSITIVE_INFINITY;
      scan.forEach((p, i) => {
        if (p.room < people) return;
        const score = ((p.longitude - longitude) * scale) ** 2 + (p.latitude - latitude) ** 2;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      });
      const found = grid.nearest(latitude, longitude, people);
      expect(found === null ? -1 : places.indexOf(found)).toBe(best);
      if (found) found.room -= people;
      if (best >= 0) (scan[best] as { room: number }).room -= people;
    }
    expect(places.every((p) => p.room < 3)).toBe(true);
  });

  it('finds nothing among no places', () => {
    expect(createNearestWithRoom([]).nearest(33.7, 134.5, 1)).toBeNull();
  });
});
