// Japanese area codes (disaster spec §2.4): the 6-digit 全国地方公共団体コード (5-digit JIS X 0402 code +
// check digit), the 12-digit 町字 code of L-Alert (5-digit code + 7-digit 町字ID) and JMA's 7-digit 市町村等
// code (5-digit code + 2 digits, "00" for a whole municipality).
import { type Geocode, geocodeSystems } from './alert-model.ts';

/** Check digit of a 5-digit JIS X 0402 code: s = 6·d1+5·d2+4·d3+3·d4+2·d5, (11 − s mod 11) mod 10. */
export function localGovernmentCheckDigit(fiveDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += (6 - i) * Number(fiveDigits[i]);
  return (11 - (sum % 11)) % 10;
}

export function isLocalGovernmentCode(code: string): boolean {
  return /^\d{6}$/.test(code) && localGovernmentCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** The 6-digit code of a 5-digit prefix (JMA and 町字 codes carry the code without its check digit). */
export function localGovernmentCodeOf(fiveDigits: string): string {
  return `${fiveDigits}${localGovernmentCheckDigit(fiveDigits)}`;
}

const isMachiazaCode = (code: string) => /^\d{12}$/.test(code);
export const isJmaAreaCode = (code: string) => /^\d{7}$/.test(code);

/** 6-digit local-government code of a JMA 7-digit 市町村等 code (横須賀市 1420100 → 142018). */
export function jmaAreaToLocalGovernment(code: string): string {
  return localGovernmentCodeOf(code.slice(0, 5));
}

const validators: Record<string, (value: string) => boolean> = {
  [geocodeSystems.localGovernment]: isLocalGovernmentCode,
  [geocodeSystems.machiaza]: isMachiazaCode,
  [geocodeSystems.jmaArea]: isJmaAreaCode,
};

export type GeocodeCheck = 'valid' | 'invalid' | 'unknown-system';

/** Known systems are validated; any other system is kept by the caller and flagged. */
export function checkGeocode(geocode: Geocode): GeocodeCheck {
  const validate = validators[geocode.name];
  if (validate === undefined) return 'unknown-system';
  return validate(geocode.value) ? 'valid' : 'invalid';
}
