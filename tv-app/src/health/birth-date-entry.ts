// A child's birth date typed with the digit buttons, in as few presses as can be read unambiguously: the year
// in four digits (西暦), then the month and the day. A month digit 2–9 and a day digit 4–9 can only be one
// month or day, so they complete the field at once; after a 1 the next digit 0–2 makes October to December
// and any other starts the day (January); OK completes a one-digit month or day. `2026` `7` `1` `OK` is
// 2026-07-01 in seven presses. Pure: the screen (BirthDateEntry.ts) keeps the value and shows `shown`.

export interface BirthDateDigits {
  year: string;
  month: string;
  day: string;
}

export const emptyBirthDate: BirthDateDigits = { year: '', month: '', day: '' };

export type BirthDateField = 'year' | 'month' | 'day' | 'complete';

export function fieldOf(entry: BirthDateDigits): BirthDateField {
  if (entry.year.length < 4) return 'year';
  if (entry.month.length < 2) return 'month';
  if (entry.day.length < 2) return 'day';
  return 'complete';
}

/** The entry with one more digit (unchanged when it cannot be part of a date there). */
export function typeDigit(entry: BirthDateDigits, digit: string): BirthDateDigits {
  const { year, month, day } = entry;
  switch (fieldOf(entry)) {
    case 'year':
      return year === '' && digit === '0' ? entry : { ...entry, year: year + digit };
    case 'month':
      if (month === '') return digit >= '2' ? { ...entry, month: `0${digit}` } : { ...entry, month: digit };
      if (month === '0') return digit === '0' ? entry : { ...entry, month: `0${digit}` };
      // After a 1: 10–12, or January and the digit begins the day.
      return digit <= '2' ? { ...entry, month: `1${digit}` } : typeDigit({ ...entry, month: '01' }, digit);
    case 'day':
      if (day === '') return digit >= '4' ? { ...entry, day: `0${digit}` } : { ...entry, day: digit };
      return day === '0' && digit === '0' ? entry : { ...entry, day: day + digit };
    case 'complete':
      return entry;
  }
}

/** OK: a one-digit month or day (not 0) is complete as it is. */
export function completeField(entry: BirthDateDigits): BirthDateDigits {
  const field = fieldOf(entry);
  if (field !== 'month' && field !== 'day') return entry;
  const digits = entry[field];
  return digits.length === 1 && digits !== '0' ? { ...entry, [field]: `0${digits}` } : entry;
}

/** Takes the last digit back (a padded month or day goes whole). */
export function eraseDigit(entry: BirthDateDigits): BirthDateDigits {
  for (const field of ['day', 'month', 'year'] as const) {
    const digits = entry[field];
    if (digits === '') continue;
    const kept = digits.length === 2 && digits.startsWith('0') && field !== 'year' ? '' : digits.slice(0, -1);
    return { ...entry, [field]: kept };
  }
  return entry;
}

/** YYYY-MM-DD once complete. */
export function isoOf(entry: BirthDateDigits): string | null {
  return fieldOf(entry) === 'complete' ? `${entry.year}-${entry.month}-${entry.day}` : null;
}

/** `2026年 7月 _日`: what is typed so far, a `_` per digit still to come in the field being typed. */
export function shownBirthDate(entry: BirthDateDigits): string {
  const field = fieldOf(entry);
  const part = (digits: string, width: number, name: 'year' | 'month' | 'day') => {
    if (digits.length === width) return String(name === 'year' ? digits : Number(digits));
    return field === name ? digits + '_'.repeat(width - digits.length) : '_'.repeat(width);
  };
  return `${part(entry.year, 4, 'year')}年 ${part(entry.month, 2, 'month')}月 ${part(entry.day, 2, 'day')}日`;
}
