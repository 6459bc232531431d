// A child's age as parents say it: 「4か月」 under a year, 「1歳2か月」 after, in whole calendar months.
import { ja } from '../texts/ja.ts';

/** Whole calendar months from the birth date to `on` (both YYYY-MM-DD). */
export function monthsBetween(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  return Math.max(0, months);
}

/** Whole months as 「4か月」 or 「1歳2か月」. */
export function ageText(months: number): string {
  const whole = Math.max(0, Math.floor(months));
  return whole < 12 ? ja.health.ageMonths(whole) : ja.health.ageYears(Math.floor(whole / 12), whole % 12);
}

/** Today in Japan, YYYY-MM-DD (the box's clock; Japan has no daylight saving time). */
export function japanToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
