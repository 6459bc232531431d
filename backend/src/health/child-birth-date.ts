// Which birth dates a parent may apply for (利用申込み): a child born on or before today (Japan time) and under 18
// (児童福祉法's 児童; the routine schedule reaches HPV to 高1). One rule for the backend's check and the TV's
// entry screen, which imports this file (no imports: it is bundled into the browser as it is).

export const maxChildAgeYears = 18;

export type BirthDateProblem = 'not-a-date' | 'future' | 'too-old';

/** Null when `birthDate` (YYYY-MM-DD) is a real day between 18 years ago (exclusive) and `today` (YYYY-MM-DD). */
export function birthDateProblem(birthDate: string, today: string): BirthDateProblem | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return 'not-a-date';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return 'not-a-date';
  if (birthDate > today) return 'future';
  // On the 18th birthday the child is 18: too old.
  const eighteenth = `${String(year + maxChildAgeYears).padStart(4, '0')}${birthDate.slice(4)}`;
  return eighteenth <= today ? 'too-old' : null;
}
