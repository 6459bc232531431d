import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { createPolygonTest } from './polygon-test.ts';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createPolygonTest', () => {
  it('counts edges and corners as inside, and agrees with turf elsewhere', () => {
    const square = [
      { lat: 33.7, lon: 134.5 },
      { lat: 33.8, lon: 134.5 },
      { lat: 33.8, lon: 134.6 },
      { lat: 33.7, lon: 134.6 },
      { lat: 33.7, lon: 134.5 },
    ];
    const test = createPolygonTest(square);
    expect(test.contains(33.75, 134.5)).toBe(true);
    expect(test.contains(33.7, 134.5)).toBe(true);
    expect(test.contains(33.8, 134.55)).toBe(true);
    expect(test.contains(33.75, 134.55)).toBe(true);
    expect(test.contains(33.75, 134.6000001)).toBe(false);
    expect(test.contains(33.6999999, 134.55)).toBe(false);
  });

  it('agrees with @turf/boolean-point-in-polygon on a wavy 1,000-vertex ring, its vertices and edges', () => {
    const next = random(7);
    const ring: { lat: number; lon: number }[] = [];
    for (let i = 0; i < 999; i++) {
      const angle = (2 * Math.PI * i) / 999;
      const r = 0.07 * (0.75 + 0.2 * Math.sin(7 * angle) + 0.05 * next());
      ring.push({ lat: 33.73 + r * Math.cos(angle), lon: 134.53 + r * Math.sin(angle) });
    }
    ring.push({ ...(ring[0] as { lat: number; lon: number }) });
    const test = createPolygonTest(ring);
    const geometry = { type: 'Polygon' as const, coordinates: [ring.map((p) => [p.lon, p.lat])] };
    const points = Array.from({ length: 20_000 }, () => ({
      lat: 33.63 + 0.2 * next(),
      lon: 134.43 + 0.2 * next(),
    }));
    // Vertices and edge midpoints of axis-aligned-free edges are on the boundary by construction.
    points.push(...ring.slice(0, 100));
    let disagreements = 0;
    let inside = 0;
    for (const { lat, lon } of points) {
      const ours = test.contains(lat, lon);
      if (ours) inside++;
      if (ours !== booleanPointInPolygon([lon, lat], geometry)) disagreements++;
    }
    expect(disagreements).toBe(0);
    expect(inside).toBeGreaterThan(5000);
    for (const vertex of ring) expect(test.contains(vertex.lat, vertex.lon)).toBe(true);
  });
});
