// The certificate's date of birth form `EYYYYMMDD`: a Japanese era digit then the *Gregorian* date
// (jpki spec §4.2, e.g. `319480412` for 1948-04-12, 昭和).
import { DevPkiError } from './dev-pki-error.ts';

/** First Gregorian day of each era, newest first; digit as used in the certificate. */
const eras = [
  { digit: '5', start: '2019-05-01' }, // 令和
  { digit: '4', start: '1989-01-08' }, // 平成
  { digit: '3', start: '1926-12-25' }, // 昭和
  { digit: '2', start: '1912-07-30' }, // 大正
  { digit: '1', start: '1868-10-23' }, // 明治
] as const;

export interface GregorianDate {
  year: number;
  month: number;
  day: number;
}

/** `1948-04-12` → `319480412`. Dates before 明治 get era `0` (不明). */
export function toJpkiDateOfBirth(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new DevPkiError('dev-pki.bad-input', `date of birth must be YYYY-MM-DD, got "${isoDate}"`);
  }
  const era = eras.find((candidate) => isoDate >= candidate.start);
  return `${era?.digit ?? '0'}${isoDate.replaceAll('-', '')}`;
}

export function gregorianOf(jpkiDateOfBirth: string): GregorianDate {
  const match = /^[0-5](\d{4})(\d{2})(\d{2})$/.exec(jpkiDateOfBirth);
  if (!match) throw new DevPkiError('dev-pki.bad-input', `not an EYYYYMMDD date: "${jpkiDateOfBirth}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}
