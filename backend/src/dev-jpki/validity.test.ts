import { describe, expect, it } from 'vitest';
import { certificateTime, fifthBirthdayAfter } from './validity.ts';

describe('fifthBirthdayAfter', () => {
  it('ends at 23:59:59 JST of the 5th birthday after issue', () => {
    // Issued 2026-04-01 JST, born 7 March: birthdays after issue 2027…2031.
    expect(fifthBirthdayAfter(new Date('2026-04-01T01:00:00Z'), '319480307').toISOString()).toBe(
      '2031-03-07T14:59:59.000Z',
    );
    // Born later in the year than the issue date: the first birthday is this year.
    expect(fifthBirthdayAfter(new Date('2026-04-01T01:00:00Z'), '419920703').toISOString()).toBe(
      '2030-07-03T14:59:59.000Z',
    );
  });

  it('does not count a birthday on the issue day, judged in Japan time', () => {
    // 2026-07-02T16:00Z is already 3 July in Japan.
    expect(fifthBirthdayAfter(new Date('2026-07-02T16:00:00Z'), '419920703').toISOString()).toBe(
      '2031-07-03T14:59:59.000Z',
    );
  });

  it('moves 29 February to the 28th in common years', () => {
    expect(fifthBirthdayAfter(new Date('2026-01-10T00:00:00Z'), '419960229').toISOString()).toBe(
      '2030-02-28T14:59:59.000Z',
    );
  });
});

describe('certificateTime', () => {
  it('uses UTCTime before 2050 and GeneralizedTime after', () => {
    expect(certificateTime(new Date('2049-12-31T00:00:00Z')).type).toBe(0);
    expect(certificateTime(new Date('2050-01-01T00:00:00Z')).type).toBe(1);
  });
});
