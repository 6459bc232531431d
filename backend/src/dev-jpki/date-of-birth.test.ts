import { describe, expect, it } from 'vitest';
import { gregorianOf, toJpkiDateOfBirth } from './date-of-birth.ts';
import { DevPkiError } from './dev-pki-error.ts';

describe('toJpkiDateOfBirth', () => {
  it.each([
    ['1899-12-01', '118991201'],
    ['1912-07-29', '119120729'],
    ['1912-07-30', '219120730'],
    ['1926-12-25', '319261225'],
    ['1948-04-12', '319480412'],
    ['1989-01-07', '319890107'],
    ['1989-01-08', '419890108'],
    ['1992-07-03', '419920703'],
    ['2019-05-01', '520190501'],
    ['1860-01-01', '018600101'],
  ])('%s → %s', (iso, expected) => {
    expect(toJpkiDateOfBirth(iso)).toBe(expected);
  });

  it('rejects other forms', () => {
    expect(() => toJpkiDateOfBirth('1948/04/12')).toThrow(DevPkiError);
  });
});

describe('gregorianOf', () => {
  it('reads the Gregorian part', () => {
    expect(gregorianOf('419920703')).toEqual({ year: 1992, month: 7, day: 3 });
    expect(() => gregorianOf('19920703')).toThrow(DevPkiError);
  });
});
