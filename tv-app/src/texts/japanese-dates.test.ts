import { describe, expect, it } from 'vitest';
import {
  dayText,
  japaneseDate,
  japaneseDateTime,
  periodText,
  spokenDigits,
  warekiDate,
} from './japanese-dates.ts';

describe('Japanese dates', () => {
  it('writes birth dates in the Japanese era, with 元年 for the first year', () => {
    expect(warekiDate('1948-03-15')).toBe('昭和23年3月15日');
    expect(warekiDate('1926-12-24')).toBe('大正15年12月24日');
    expect(warekiDate('1926-12-25')).toBe('昭和元年12月25日');
    expect(warekiDate('1989-01-07')).toBe('昭和64年1月7日');
    expect(warekiDate('1989-01-08')).toBe('平成元年1月8日');
    expect(warekiDate('2019-05-01')).toBe('令和元年5月1日');
    expect(warekiDate('1900-01-01')).toBe('明治33年1月1日');
    expect(warekiDate('not a date')).toBe('not a date');
  });

  it('writes instants in Japan time', () => {
    expect(japaneseDateTime('2026-11-24T03:05:00.000Z')).toBe('令和8年11月24日 午後0時05分');
    expect(japaneseDateTime('2026-11-24T15:30:00Z')).toBe('令和8年11月25日 午前0時30分');
    expect(japaneseDate('2026-11-24T15:30:00Z')).toBe('令和8年11月25日');
    expect(japaneseDateTime('soon')).toBe('soon');
  });

  it('writes the due month and day', () => {
    expect(periodText('2026-11')).toBe('令和8年11月分');
    expect(dayText('2026-11-30')).toBe('11月30日');
  });

  it('reads a receipt number digit by digit', () => {
    expect(spokenDigits('2026-1124-000123')).toBe(
      'にい ゼロ にい ろく の いち いち にい よん の ゼロ ゼロ ゼロ いち にい さん',
    );
  });
});
