import { describe, expect, it } from 'vitest';
import {
  type BirthDateDigits,
  completeField,
  emptyBirthDate,
  eraseDigit,
  fieldOf,
  isoOf,
  shownBirthDate,
  typeDigit,
} from './birth-date-entry.ts';

const typed = (keys: string, from: BirthDateDigits = emptyBirthDate) =>
  [...keys].reduce((entry, key) => (key === 'K' ? completeField(entry) : typeDigit(entry, key)), from);

describe('birth date entry', () => {
  it('completes a month of 2–9 and a day of 4–9 with one digit', () => {
    expect(isoOf(typed('202675'))).toBe('2026-07-05');
    expect(isoOf(typed('20260701'))).toBe('2026-07-01');
  });
  it('reads 1 then 0–2 as October to December, and 1 then 3–9 as January and the day', () => {
    expect(isoOf(typed('20251124'))).toBe('2025-11-24');
    expect(isoOf(typed('2025127'))).toBe('2025-12-07');
    expect(isoOf(typed('202615'))).toBe('2026-01-05');
  });
  it('takes OK as the end of a one-digit month or day', () => {
    expect(isoOf(typed('20261K1K'))).toBe('2026-01-01');
    expect(isoOf(typed('202673K'))).toBe('2026-07-03');
    expect(fieldOf(typed('20260K'))).toBe('month');
  });
  it('ignores digits that cannot start a year, month or day, and those after the date', () => {
    expect(typed('0')).toEqual(emptyBirthDate);
    expect(typed('202600').month).toBe('0');
    expect(isoOf(typed('2026700519'))).toBe('2026-07-05');
  });
  it('erases digit by digit, a padded month or day whole, and shows what is still to come', () => {
    expect(shownBirthDate(emptyBirthDate)).toBe('____年 __月 __日');
    expect(shownBirthDate(typed('202'))).toBe('202_年 __月 __日');
    expect(shownBirthDate(typed('20267'))).toBe('2026年 7月 __日');
    expect(shownBirthDate(typed('202671'))).toBe('2026年 7月 1_日');
    expect(eraseDigit(typed('20267'))).toEqual({ year: '2026', month: '', day: '' });
    expect(eraseDigit(typed('202611'))).toEqual({ year: '2026', month: '1', day: '' });
    expect(eraseDigit(typed('2'))).toEqual(emptyBirthDate);
    expect(eraseDigit(emptyBirthDate)).toEqual(emptyBirthDate);
  });
});
