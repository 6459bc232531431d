// 全国地方公共団体コード: 2-digit prefecture, 3-digit municipality, 1 check digit (disaster spec §2.4).

/** True for six digits whose last is the check digit: (11 − (6·d1+5·d2+4·d3+3·d4+2·d5) mod 11) mod 10. */
export function isLocalGovernmentCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = [6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * (digits[i] ?? 0), 0);
  return (11 - (sum % 11)) % 10 === digits[5];
}

/** The 12-digit sub-municipal area code L-Alert uses: the 5-digit code (no check digit) and the 7-digit 町字ID. */
export function machiazaAreaCode(localGovernmentCode: string, machiazaId: string): string {
  return `${localGovernmentCode.slice(0, 5)}${machiazaId}`;
}
