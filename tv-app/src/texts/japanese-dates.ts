// Dates as elderly viewers read them: the Japanese era (和暦, 昭和23年3月15日) for birth dates, and the date and
// time of day in Japan for receipts and notices. Plain arithmetic on the era table, so the box's browser
// needs no Japanese calendar support.

interface Era {
  name: string;
  /** First day of the era (YYYY-MM-DD, Gregorian). */
  start: string;
}

// Newest first.
const eras: Era[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  { name: '明治', start: '1868-10-23' },
];

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `1948-03-15` → `昭和23年3月15日` (the first year of an era is 元年); anything else is returned as given. */
export function warekiDate(date: string): string {
  const match = isoDate.exec(date);
  const era = eras.find((candidate) => date >= candidate.start);
  if (!match || !era) return date;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const eraYear = year - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${eraYear === 1 ? '元' : eraYear}年${month}月${day}日`;
}

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The Japan wall-clock parts of an instant (Japan has no daylight saving time). */
function japanParts(instant: string) {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return undefined;
  const japan = new Date(time + JAPAN_OFFSET_MS);
  return {
    date: japan.toISOString().slice(0, 10),
    hour: japan.getUTCHours(),
    minute: japan.getUTCMinutes(),
  };
}

/** An instant as `令和8年11月24日 午後0時05分` in Japan time. */
export function japaneseDateTime(instant: string): string {
  const parts = japanParts(instant);
  if (!parts) return instant;
  const noon = parts.hour >= 12 ? '午後' : '午前';
  return `${warekiDate(parts.date)} ${noon}${parts.hour % 12}時${String(parts.minute).padStart(2, '0')}分`;
}

/** An instant's day in Japan, `令和8年11月24日`. */
export function japaneseDate(instant: string): string {
  const parts = japanParts(instant);
  return parts ? warekiDate(parts.date) : instant;
}

/** A due month `2026-11` → `令和8年11月分`. */
export function periodText(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  const wareki = warekiDate(`${period}-01`);
  return `${wareki.slice(0, wareki.indexOf('月') + 1)}分`;
}

/** A due date `2026-11-30` → `11月30日`. */
export function dayText(date: string): string {
  const match = isoDate.exec(date);
  return match ? `${Number(match[2])}月${Number(match[3])}日` : date;
}

const digitNames = ['ゼロ', 'いち', 'にい', 'さん', 'よん', 'ごお', 'ろく', 'なな', 'はち', 'きゅう'];

/**
 * A number to be read out digit by digit, the way Japanese reads phone numbers: `2026-1124-0001` →
 * `にい ゼロ にい ろく の いち いち にい よん の ゼロ ゼロ ゼロ いち`. Other characters are kept.
 */
export function spokenDigits(text: string): string {
  return [...text]
    .map((char) => {
      if (/[0-9]/.test(char)) return digitNames[Number(char)];
      return char === '-' ? 'の' : char;
    })
    .join(' ');
}
