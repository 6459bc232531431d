import { describe, expect, it } from 'vitest';
import { createHouseholdIndex } from './household-index.ts';
import { household } from './targeting.test-support.ts';

describe('createHouseholdIndex', () => {
  it('indexes valid households by 6-digit code and by 町字 code, 7-digit or 12-digit', () => {
    const { index, rejected } = createHouseholdIndex([
      household('a', 33.73, 134.53, { machiazaId: '0001001' }),
      household('b', 33.74, 134.54, { machiazaId: '363870001001' }),
      household('c', 33.75, 134.55),
    ]);
    expect(rejected).toEqual([]);
    expect(index.byLocalGovernment.get('363871')).toEqual([0, 1, 2]);
    expect(index.byMachiaza.get('363870001001')).toEqual([0, 1]);
    expect(index.positionById.get('c')).toBe(2);
  });

  it('reports households it cannot use, keeps the others', () => {
    const { index, rejected } = createHouseholdIndex([
      household('ok', 33.73, 134.53),
      household('swapped', 134.53, 33.73),
      household('check-digit', 33.73, 134.53, { localGovernmentCode: '363872' }),
      household('other-town', 33.73, 134.53, { machiazaId: '172020001001' }),
      household('ok', 33.74, 134.54),
      null,
    ]);
    expect(index.households.map((h) => h.id)).toEqual(['ok']);
    expect(rejected.map((r) => [r.position, r.id])).toEqual([
      [1, 'swapped'],
      [2, 'check-digit'],
      [3, 'other-town'],
      [4, 'ok'],
      [5, null],
    ]);
    expect(rejected[0]?.reason).toMatch(/latitude/);
    expect(rejected[2]?.reason).toMatch(/another municipality/);
    expect(rejected[3]?.reason).toMatch(/appears twice/);
  });

  it('builds an empty index that finds nobody', () => {
    const { index } = createHouseholdIndex([]);
    expect(index.points.range(-180, -90, 180, 90)).toEqual([]);
  });
});
