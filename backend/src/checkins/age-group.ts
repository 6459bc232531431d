// Age groups as shelter staff name them on the terminal (contracts.ts `ageGroups`), from a date of birth: under
// 2 an infant (formula, diapers), under 18 a child, 65 or over elderly (高齢者), else an adult.
import type { ageGroups } from './contracts.ts';

export type AgeGroup = (typeof ageGroups)[number];

/** Whole years at `now` (UTC dates), `birthDate` as YYYY-MM-DD. */
export function ageAt(birthDate: string, now: Date): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

export const infantBelowYears = 2;
export const adultFromYears = 18;
export const elderlyFromYears = 65;

export function ageGroupAt(birthDate: string, now: Date): AgeGroup {
  const age = ageAt(birthDate, now);
  if (age < infantBelowYears) return 'infant';
  if (age < adultFromYears) return 'child';
  return age >= elderlyFromYears ? 'elderly' : 'adult';
}
