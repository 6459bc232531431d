import { describe, expect, it } from 'vitest';
import { parsePolygon } from './alert-compose-view.ts';
import { drillMark, levelLabel } from './alert-labels.ts';

describe('the compose form', () => {
  it('reads polygon points as lat,lon per line, in any of the separators people type', () => {
    expect(parsePolygon('33.73,134.53\n33.74, 134.54\n33.72 134.55;33.73、134.53')).toEqual([
      [33.73, 134.53],
      [33.74, 134.54],
      [33.72, 134.55],
      [33.73, 134.53],
    ]);
    expect(parsePolygon('33.73,134.53\n北緯33度')).toBeUndefined();
    expect(parsePolygon('33.73,134.53,10')).toBeUndefined();
  });
});

describe('alert words', () => {
  it('marks exercises and tests, never a real alert', () => {
    expect(drillMark('Exercise')).toBe('訓練');
    expect(drillMark('Test')).toBe('試験');
    expect(drillMark('Actual')).toBeNull();
    expect(levelLabel(4)).toBe('警戒レベル4');
  });
});
