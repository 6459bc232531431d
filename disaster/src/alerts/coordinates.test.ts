import { describe, expect, it } from 'vitest';
import type { AlertProblem } from './alert-model.ts';
import { parseCircle, parsePolygon } from './coordinates.ts';

function collect<T>(run: (report: (p: Omit<AlertProblem, 'where'>) => void) => T) {
  const problems: Omit<AlertProblem, 'where'>[] = [];
  const result = run((p) => problems.push(p));
  return { result, codes: problems.map((p) => `${p.severity}:${p.code}`) };
}

const square = '33.77,134.58 33.78,134.58 33.78,134.60 33.77,134.60 33.77,134.58';

describe('polygons', () => {
  it('reads a closed ring in lat,lon order', () => {
    const { result, codes } = collect((r) => parsePolygon(square, r));
    expect(result?.[1]).toEqual({ lat: 33.78, lon: 134.58 });
    expect(result).toHaveLength(5);
    expect(codes).toEqual([]);
  });

  it('drops a ring written lon,lat (falls in Japan only when swapped)', () => {
    const swapped = square.replace(/(\S+),(\S+)/g, '$2,$1');
    expect(collect((r) => parsePolygon(swapped, r))).toEqual({
      result: null,
      codes: ['error:coordinates.swapped'],
    });
  });

  it('closes an open ring with a warning', () => {
    const { result, codes } = collect((r) =>
      parsePolygon('33.77,134.58 33.78,134.58 33.78,134.60 33.77,134.60', r),
    );
    expect(result).toHaveLength(5);
    expect(result?.[4]).toEqual(result?.[0]);
    expect(codes).toEqual(['warning:polygon.open']);
  });

  it('drops a self-intersecting ring (turf kinks)', () => {
    const bowTie = '33.77,134.58 33.78,134.60 33.78,134.58 33.77,134.60 33.77,134.58';
    expect(collect((r) => parsePolygon(bowTie, r)).codes).toEqual(['error:polygon.self-intersecting']);
  });

  it('drops too few points, garbage and out-of-range values', () => {
    expect(collect((r) => parsePolygon('33.77,134.58 33.78,134.58 33.77,134.58', r)).codes).toEqual([
      'error:polygon.too-short',
    ]);
    expect(collect((r) => parsePolygon('33.77;134.58 1,2', r)).codes).toEqual(['error:coordinates.invalid']);
    expect(collect((r) => parsePolygon('33.77,134.58,0 1,2', r)).codes).toEqual([
      'error:coordinates.invalid',
    ]);
    expect(collect((r) => parsePolygon('95,200 96,200 96,201 95,200', r)).codes).toEqual([
      'error:coordinates.invalid',
    ]);
  });

  it('keeps a valid ring outside Japan with a warning (CAP is international)', () => {
    const kansas = '38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14';
    const { result, codes } = collect((r) => parsePolygon(kansas, r));
    expect(result).toHaveLength(5);
    expect(codes).toEqual(['warning:coordinates.outside-japan']);
  });
});

describe('circles', () => {
  it('reads CAP "lat,lon radius" and L-Alert "lat,lon,radius", radius in km, 0 = a point', () => {
    expect(collect((r) => parseCircle('33.7815,134.6074 1.5', r)).result).toEqual({
      center: { lat: 33.7815, lon: 134.6074 },
      radiusKm: 1.5,
    });
    expect(collect((r) => parseCircle('35.691634,139.756685,0', r)).result).toEqual({
      center: { lat: 35.691634, lon: 139.756685 },
      radiusKm: 0,
    });
  });

  it('drops a negative radius, a swapped centre and garbage', () => {
    expect(collect((r) => parseCircle('33.7815,134.6074 -2', r)).codes).toEqual(['error:circle.invalid']);
    expect(collect((r) => parseCircle('134.6074,33.7815 1', r)).codes).toEqual(['error:coordinates.swapped']);
    expect(collect((r) => parseCircle('near the station', r)).codes).toEqual(['error:circle.invalid']);
  });
});
