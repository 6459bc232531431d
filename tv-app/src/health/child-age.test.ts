import { describe, expect, it } from 'vitest';
import { ageText, monthsBetween } from './child-age.ts';

describe('child age', () => {
  it('counts whole calendar months', () => {
    expect(monthsBetween('2026-07-15', '2026-11-14')).toBe(3);
    expect(monthsBetween('2026-07-15', '2026-11-15')).toBe(4);
    expect(monthsBetween('2024-02-29', '2025-02-28')).toBe(11);
    expect(monthsBetween('2026-07-15', '2026-07-01')).toBe(0);
  });

  it('says months under a year, years and months after', () => {
    expect(ageText(0)).toBe('0か月');
    expect(ageText(4.9)).toBe('4か月');
    expect(ageText(12)).toBe('1歳');
    expect(ageText(38)).toBe('3歳2か月');
  });
});
