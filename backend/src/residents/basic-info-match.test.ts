import { describe, expect, it } from 'vitest';
import type { CertificateBasicInfo } from '../jpki/index.ts';
import { basicInfoMatchKey } from './basic-info-match.ts';

const info: CertificateBasicInfo = {
  name: '田中　花子',
  nameSubstitutes: [false, false, false, false, false],
  dateOfBirth: { era: 'showa', date: '1948-04-12' },
  gender: 'female',
  address: '徳島県海部郡美波町奥河内字寺前１２３番地',
  addressSubstitutes: [],
};

describe('basicInfoMatchKey', () => {
  it('ignores width, spacing and substitute flags', () => {
    const respelled = {
      ...info,
      name: '田中 花子 ',
      address: '徳島県海部郡美波町奥河内字寺前123番地',
      nameSubstitutes: [true],
    };
    expect(basicInfoMatchKey(respelled)).toBe(basicInfoMatchKey(info));
  });

  it('tells apart a change of any of the four items', () => {
    for (const changed of [
      { ...info, name: '田中　花江' },
      { ...info, dateOfBirth: { era: 'showa' as const, date: '1948-04-13' } },
      { ...info, gender: 'male' as const },
      { ...info, address: '徳島県海部郡美波町北河内字本村３４５番地２' },
    ]) {
      expect(basicInfoMatchKey(changed)).not.toBe(basicInfoMatchKey(info));
    }
  });
});
