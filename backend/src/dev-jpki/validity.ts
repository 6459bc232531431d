// Validity periods: JPKI end-entity certificates run from issue to the holder's 5th birthday after issue
// (jpki spec §4.2), ending at 23:59:59 Japan time like the real ones.
import * as pkijs from 'pkijs';
import { gregorianOf } from './date-of-birth.ts';

const jstOffsetMs = 9 * 60 * 60 * 1000;

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function certificateTime(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

/** Drops milliseconds, which X.509 times cannot carry, so stored and encoded dates compare equal. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function yearsLater(date: Date, years: number): Date {
  const later = new Date(date);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** End of the 5th birthday strictly after `issuedAt` (a 29 February birthday falls on the 28th in common years). */
export function fifthBirthdayAfter(issuedAt: Date, jpkiDateOfBirth: string): Date {
  const birth = gregorianOf(jpkiDateOfBirth);
  const issuedJst = new Date(issuedAt.getTime() + jstOffsetMs);
  const issuedMonthDay = (issuedJst.getUTCMonth() + 1) * 100 + issuedJst.getUTCDate();
  const firstYear = issuedJst.getUTCFullYear() + (birth.month * 100 + birth.day > issuedMonthDay ? 0 : 1);
  const year = firstYear + 4;
  const day = birth.month === 2 && birth.day === 29 && !isLeapYear(year) ? 28 : birth.day;
  return new Date(Date.UTC(year, birth.month - 1, day, 23, 59, 59) - jstOffsetMs);
}
