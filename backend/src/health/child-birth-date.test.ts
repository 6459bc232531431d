import { describe, expect, it } from 'vitest';
import { birthDateProblem } from './child-birth-date.ts';

describe('birthDateProblem', () => {
  const today = '2026-11-24';
  it('takes a child born today and one a day short of 18', () => {
    expect(birthDateProblem('2026-11-24', today)).toBeNull();
    expect(birthDateProblem('2008-11-25', today)).toBeNull();
  });
  it('refuses tomorrow, an 18th birthday today, and days that do not exist', () => {
    expect(birthDateProblem('2026-11-25', today)).toBe('future');
    expect(birthDateProblem('2008-11-24', today)).toBe('too-old');
    expect(birthDateProblem('2026-02-29', today)).toBe('not-a-date');
    expect(birthDateProblem('2026-13-01', today)).toBe('not-a-date');
    expect(birthDateProblem('20261101', today)).toBe('not-a-date');
  });
  it('counts a 29 February birthday as 18 from 1 March in a common year', () => {
    expect(birthDateProblem('2008-02-29', '2026-02-28')).toBeNull();
    expect(birthDateProblem('2008-02-29', '2026-03-01')).toBe('too-old');
  });
});
