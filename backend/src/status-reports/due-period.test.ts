import { describe, expect, it } from 'vitest';
import { openPeriod, receiptNumber } from './due-period.ts';

const long = new Date('2020-01-01T00:00:00Z');

describe('openPeriod', () => {
  it('opens on the 1st of the due month in Japan time and is overdue after its last day', () => {
    // 2026-10-31 23:30 JST: not yet November.
    expect(
      openPeriod({ dueMonth: 11, contractCreatedAt: long, now: new Date('2026-10-31T14:30:00Z') }),
    ).toEqual({ period: '2025-11', dueBy: '2025-11-30', overdue: true });
    // 2026-11-01 00:30 JST.
    expect(
      openPeriod({ dueMonth: 11, contractCreatedAt: long, now: new Date('2026-10-31T15:30:00Z') }),
    ).toEqual({ period: '2026-11', dueBy: '2026-11-30', overdue: false });
    // 2028-03-01 09:00 JST: February (29 days in 2028) is over.
    expect(
      openPeriod({ dueMonth: 2, contractCreatedAt: long, now: new Date('2028-03-01T00:00:00Z') }),
    ).toEqual({
      period: '2028-02',
      dueBy: '2028-02-29',
      overdue: true,
    });
    expect(
      openPeriod({ dueMonth: 12, contractCreatedAt: long, now: new Date('2027-01-05T00:00:00Z') }),
    ).toEqual({
      period: '2026-12',
      dueBy: '2026-12-31',
      overdue: true,
    });
  });

  it('skips a period that ended before the contract existed', () => {
    const now = new Date('2026-12-10T00:00:00Z');
    expect(
      openPeriod({ dueMonth: 11, contractCreatedAt: new Date('2026-12-01T00:00:00Z'), now }),
    ).toBeUndefined();
    expect(
      openPeriod({ dueMonth: 11, contractCreatedAt: new Date('2026-11-20T00:00:00Z'), now })?.period,
    ).toBe('2026-11');
  });
});

describe('receiptNumber', () => {
  it('is the Japan date and a zero-padded running number', () => {
    expect(receiptNumber(new Date('2026-11-23T15:00:00Z'), 123)).toBe('2026-1124-000123');
    expect(receiptNumber(new Date('2026-11-24T03:00:00Z'), 1234567)).toBe('2026-1124-1234567');
  });
});
