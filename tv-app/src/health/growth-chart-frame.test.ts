import { describe, expect, it } from 'vitest';
import type { GrowthCurves } from '../api/bridge-client.ts';
import { chartFrame, pointsUpTo, valuesAt } from './growth-chart-frame.ts';

const curves: GrowthCurves = {
  edition: '2023',
  measure: 'weight',
  sex: 'female',
  unit: 'kg',
  percentiles: [3, 50, 97],
  points: [
    { ageMonths: 0, label: '出生時', values: [2.2, 3, 3.7] },
    { ageMonths: 6.5, label: '6〜7か月未満', values: [6, 7.5, 9] },
    { ageMonths: 15, label: '1年0〜6月未満', values: [7.5, 9, 11] },
    { ageMonths: 75, label: '6年0〜6月未満', values: [15, 20, 27] },
  ],
};

describe('growth chart frame', () => {
  it('reads the curves between plot points', () => {
    expect(valuesAt(curves, 0)).toEqual([2.2, 3, 3.7]);
    expect(valuesAt(curves, 6.5)).toEqual([6, 7.5, 9]);
    expect(valuesAt(curves, 10.75)[1]).toBeCloseTo(8.25);
    expect(valuesAt(curves, 99)).toEqual([15, 20, 27]);
    expect(pointsUpTo(curves, 12).map((p) => p.ageMonths)).toEqual([0, 6.5, 12]);
  });

  it('shows the first year for a baby, in 3-month ticks, with the curves and points inside', () => {
    const frame = chartFrame(curves, [{ ageMonths: 4, value: 6.5 }]);
    expect(frame.ageMax).toBe(12);
    expect(frame.ageTicks.map((t) => t.label)).toEqual(['0', '3か月', '6か月', '9か月', '1歳']);
    expect(frame.valueMin).toBeLessThanOrEqual(2.2);
    expect(frame.valueMax).toBeGreaterThanOrEqual(valuesAt(curves, 12)[2] as number);
    expect(frame.valueTicks[0]?.label).toMatch(/kg$/);
  });

  it('grows by whole years with the child, up to the curves end', () => {
    expect(chartFrame(curves, [{ ageMonths: 20, value: 10 }]).ageMax).toBe(24);
    const older = chartFrame(curves, [{ ageMonths: 80, value: 22 }]);
    expect(older.ageMax).toBe(75);
    expect(older.ageTicks.at(-1)?.label).toBe('6歳');
  });
});
