// The demo residents of 美波町 (Minami, Tokushima) the development PKI issues cards for.
import type { BasicInfo, Locality } from './holder-profile.ts';

/** Demo card secrets, the same for every holder (fixtures of the emulated card, never real ones). */
export const demoPin = '1234';
export const demoPassword = 'ABC123';

export interface HolderSeed {
  id: string;
  label: string;
  locality: Locality;
  basicInfo: BasicInfo;
}

const minami: Locality = { prefecture: 'Tokushima-ken', city: 'Minami-cho' };

export const demoHolders: readonly HolderSeed[] = [
  {
    id: 'tanaka-hanako',
    label: '田中 花子 (年金受給者, 昭和23年生)',
    locality: minami,
    basicInfo: {
      name: '田中　花子',
      dateOfBirth: '319480412',
      gender: '2',
      address: '徳島県海部郡美波町奥河内字寺前１２３番地',
    },
  },
  {
    id: 'sato-yui',
    label: '佐藤 結衣 (子育て世帯, 平成4年生)',
    locality: minami,
    basicInfo: {
      name: '佐藤　結衣',
      dateOfBirth: '419920703',
      gender: '2',
      address: '徳島県海部郡美波町北河内字本村３４５番地２',
    },
  },
  {
    id: 'suzuki-ichiro',
    label: '鈴木 一郎 (要支援者, 昭和16年生, 住所に外字代替あり)',
    locality: minami,
    basicInfo: {
      name: '鈴木　一郎',
      dateOfBirth: '319410921',
      gender: '1',
      // 轟 stands in for a variant outside JIS levels 1/2 (外字), so its position is flagged.
      address: '徳島県海部郡美波町西河内字轟７８番地',
      addressSubstitute: '000000000000010000',
    },
  },
];
