import { describe, expect, it } from 'vitest';
import { isTargeted, roomOf, roomsOf } from './box-rooms.ts';

const box = { deviceId: 'd1', householdId: 'h1', areaCodes: ['131016', '131016000101'] };

describe('rooms and targets', () => {
  it('puts a box in its household, each of its areas, and a room of its own', () => {
    expect(roomsOf(box)).toEqual(['hh:h1', 'area:131016', 'area:131016000101', 'dev:d1']);
  });

  it('reaches a box by the room of a target it matches', () => {
    const targets = [
      { kind: 'all' },
      { kind: 'area', areaCode: '131016000101' },
      { kind: 'area', areaCode: '271004' },
      { kind: 'household', householdId: 'h1' },
      { kind: 'household', householdId: 'h2' },
    ] as const;
    expect(targets.map((t) => isTargeted(t, box))).toEqual([true, true, false, true, false]);
    expect(targets.map((t) => roomOf(t))).toEqual([
      undefined,
      'area:131016000101',
      'area:271004',
      'hh:h1',
      'hh:h2',
    ]);
    for (const target of targets) {
      const room = roomOf(target);
      expect(room === undefined || roomsOf(box).includes(room)).toBe(isTargeted(target, box));
    }
  });
});
