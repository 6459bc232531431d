import { describe, expect, it } from 'vitest';
import { dueAskSlot } from './ask-schedule.ts';

const at = (iso: string) => new Date(iso);
const none = new Set<string>();

describe('dueAskSlot', () => {
  it('asks at the chosen time (Japan time) and in the hour after it, not before or after', () => {
    expect(dueAskSlot(['09:00'], { now: at('2026-11-24T00:00:00+09:00'), asked: none })).toBeNull();
    expect(dueAskSlot(['09:00'], { now: at('2026-11-24T08:59:00+09:00'), asked: none })).toBeNull();
    expect(dueAskSlot(['09:00'], { now: at('2026-11-24T09:00:00+09:00'), asked: none })).toBe(
      '2026-11-24 09:00',
    );
    expect(dueAskSlot(['09:00'], { now: at('2026-11-24T09:59:00+09:00'), asked: none })).toBe(
      '2026-11-24 09:00',
    );
    expect(dueAskSlot(['09:00'], { now: at('2026-11-24T10:00:00+09:00'), asked: none })).toBeNull();
  });

  it('asks each slot once', () => {
    const asked = new Set(['2026-11-24 09:00']);
    expect(dueAskSlot(['09:00', '09:30'], { now: at('2026-11-24T09:40:00+09:00'), asked })).toBe(
      '2026-11-24 09:30',
    );
    expect(dueAskSlot(['09:00'], { now: at('2026-11-24T09:40:00+09:00'), asked })).toBeNull();
  });

  it("asks yesterday's late slot after midnight, within its hour", () => {
    expect(dueAskSlot(['23:30'], { now: at('2026-11-25T00:10:00+09:00'), asked: none })).toBe(
      '2026-11-24 23:30',
    );
    expect(dueAskSlot(['23:30'], { now: at('2026-11-25T00:40:00+09:00'), asked: none })).toBeNull();
  });

  it('asks nothing without a schedule', () => {
    expect(dueAskSlot([], { now: at('2026-11-24T09:00:00+09:00'), asked: none })).toBeNull();
  });
});
