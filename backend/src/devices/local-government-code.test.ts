import { describe, expect, it } from 'vitest';
import { isLocalGovernmentCode, machiazaAreaCode } from './local-government-code.ts';

describe('isLocalGovernmentCode', () => {
  it('accepts real codes, including the mod-11 edge cases', () => {
    for (const code of ['131016', '011002', '282103', '082201', '172022', '011100', '012271', '363871']) {
      expect(isLocalGovernmentCode(code)).toBe(true);
    }
  });

  it('refuses a wrong check digit, the 5-digit form and non-digits', () => {
    for (const code of ['131017', '13101', '1310160', '13101a', ''])
      expect(isLocalGovernmentCode(code)).toBe(false);
  });
});

describe('machiazaAreaCode', () => {
  it('joins the 5-digit code and the 町字ID', () => {
    expect(machiazaAreaCode('363871', '0001001')).toBe('363870001001');
  });
});
