// Required fields and allowed values: the checks every adapter makes, each failing with one clear message.
import { AlertError } from './alert-error.ts';
import { capDateTime } from './date-time.ts';

export function required(value: string | null, field: string): string {
  if (value === null) throw new AlertError('alert.content-invalid', `${field} is missing`);
  return value;
}

export function oneOf<T extends string>(value: string | null, allowed: readonly T[], field: string): T {
  const present = required(value, field);
  if (!(allowed as readonly string[]).includes(present)) {
    throw new AlertError(
      'alert.content-invalid',
      `${field} "${present.slice(0, 40)}" is not one of ${allowed.join(', ')}`,
    );
  }
  return present as T;
}

export function dateTime(value: string | null, field: string): string {
  const present = required(value, field);
  const normalised = capDateTime(present);
  if (normalised === null) {
    throw new AlertError(
      'alert.content-invalid',
      `${field} "${present.slice(0, 40)}" is not a date-time with an offset`,
    );
  }
  return normalised;
}

export function optionalDateTime(value: string | null, field: string): string | null {
  return value === null ? null : dateTime(value, field);
}

/** CAP 1.2 §3.2.1: identifier and sender carry no whitespace, comma, `<` or `&`. */
export function capToken(value: string | null, field: string): string {
  const present = required(value, field);
  if (/[\s,<&]/.test(present)) {
    throw new AlertError('alert.content-invalid', `${field} contains a space, comma, < or &`);
  }
  return present;
}
