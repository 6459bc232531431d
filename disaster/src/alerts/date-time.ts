// Date-times into CAP's form (CAP 1.2 §3.3.2: YYYY-MM-DDThh:mm:ss±hh:mm, no fraction, UTC written -00:00),
// keeping the sender's offset so a JST message still reads as JST.

const isoWithOffset = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The CAP form of an ISO 8601 date-time with an offset or Z; null when it is not one. */
export function capDateTime(text: string): string | null {
  const match = isoWithOffset.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  const value = `${match[1]}${match[2] === 'Z' ? '-00:00' : match[2]}`;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/** Milliseconds since the epoch of a CAP date-time. */
export const timeOf = (capForm: string) => Date.parse(capForm);
