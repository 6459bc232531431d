// Which period of a contract is open, in Japan time (UTC+9, no daylight saving). A contract's due month M
// opens the period YYYY-M on the 1st of M; it is due by the last day of M and overdue after, and stays open
// (overdue) until the next year's period opens. A period that ended before the contract existed is skipped:
// the first one is the next due month.
const jstOffsetMs = 9 * 3_600_000;

export interface OpenPeriod {
  /** YYYY-MM */
  period: string;
  /** Last day of the due month, YYYY-MM-DD. */
  dueBy: string;
  overdue: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant the month (year, month 1–12) begins in Japan. */
function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - jstOffsetMs);
}

/** Year, month (1–12) and day in Japan at `at`. */
export function japanDate(at: Date): { year: number; month: number; day: number } {
  const shifted = new Date(at.getTime() + jstOffsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function openPeriod(options: {
  dueMonth: number;
  contractCreatedAt: Date;
  now: Date;
}): OpenPeriod | undefined {
  const { dueMonth, now } = options;
  const today = japanDate(now);
  const year = today.month >= dueMonth ? today.year : today.year - 1;
  const end = monthStart(year + (dueMonth === 12 ? 1 : 0), dueMonth === 12 ? 1 : dueMonth + 1);
  if (options.contractCreatedAt >= end) return undefined;
  const lastDay = new Date(end.getTime() + jstOffsetMs - 1).getUTCDate();
  return {
    period: `${year}-${pad(dueMonth)}`,
    dueBy: `${year}-${pad(dueMonth)}-${pad(lastDay)}`,
    overdue: now >= end,
  };
}

/** `2026-1124-000123`: the Japan-time date of receipt, then the running number (at least 6 digits). */
export function receiptNumber(receivedAt: Date, sequence: number): string {
  const { year, month, day } = japanDate(receivedAt);
  return `${year}-${pad(month)}${pad(day)}-${pad(sequence, 6)}`;
}
