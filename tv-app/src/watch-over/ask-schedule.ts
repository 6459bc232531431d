// When the TV asks お変わりありませんか: at each time the household chose ('HH:MM', Japan time), once, while the
// hour after it lasts (a TV switched on at 9:40 still asks the 9:00 question; at 10:01 it is too late). Pure.

/** How long after an ask time the TV still asks. */
export const askWindowMs = 60 * 60_000;
const japanOffsetMs = 9 * 60 * 60_000;

/** The slot `YYYY-MM-DD HH:MM` (Japan time) to ask now, or null; `asked` holds the slots already asked. */
export function dueAskSlot(
  askTimes: readonly string[],
  options: { now: Date; asked: ReadonlySet<string> },
): string | null {
  const japanNow = options.now.getTime() + japanOffsetMs;
  const dayStart = Math.floor(japanNow / 86_400_000) * 86_400_000;
  for (const time of askTimes) {
    const [hours, minutes] = time.split(':').map(Number);
    if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes))
      continue;
    // Today's slot, or yesterday's when its window runs past midnight.
    for (const day of [dayStart, dayStart - 86_400_000]) {
      const at = day + (hours * 60 + minutes) * 60_000;
      if (japanNow < at || japanNow >= at + askWindowMs) continue;
      const slot = `${new Date(day).toISOString().slice(0, 10)} ${time}`;
      if (!options.asked.has(slot)) return slot;
    }
  }
  return null;
}
