import { DbError } from './db-error.ts';

/**
 * Text-format parsers both drivers use for the types where their defaults differ, so a row reads the same
 * from PGlite and from PostgreSQL. Everything else keeps the shared defaults (int4/float8 → number,
 * numeric → string, json/jsonb → parsed, bool → boolean, timestamptz → Date, text[]/int4[] → arrays).
 */
export const typeParsers: Readonly<Record<number, (text: string) => unknown>> = {
  // int8: counts and bigserial ids; a number as long as it is exact.
  20: parseInt8,
  1016: (text) => parseFlatArray(text, parseInt8),
  // date and timestamp without time zone have no instant: keep the text instead of a Date in some local zone.
  1082: (text) => text,
  1114: (text) => text,
  // bytea as a plain Uint8Array (node-postgres would give a Buffer).
  17: (text) => new Uint8Array(Buffer.from(text.slice(2), 'hex')),
};

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw new DbError(
      'db.value-out-of-range',
      `int8 value ${text} does not fit a JS number; cast it to text`,
    );
  }
  return n;
}

/** `{1,NULL,3}` (one dimension; elements without quotes, as numbers are written). */
function parseFlatArray<T>(text: string, parse: (element: string) => T): (T | null)[] {
  const inner = text.slice(1, -1);
  if (inner === '') return [];
  if (inner.includes('{'))
    throw new DbError('db.query-failed', 'multi-dimensional int8 arrays are not supported');
  return inner.split(',').map((element) => (element === 'NULL' ? null : parse(element)));
}
