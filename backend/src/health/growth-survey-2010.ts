// 乳幼児身体発育調査 平成22年 (2010), 厚生労働省 (e-Stat statInfId 000012673573, 表1 体重): only boys' weight,
// percentiles 3, 50 and 97, birth to 12 months, was found transcribed. Offered as the 2010 option where it exists.
import type { GrowthRow } from './growth-curves.ts';

export const survey2010: readonly GrowthRow[] = [
  ['weight', 'male', 0, 0, '出生時', [2.1, 3.0, 3.76]],
  ['weight', 'male', 1, 2, '1〜2か月未満', [3.53, 4.79, 5.96]],
  ['weight', 'male', 2, 3, '2〜3か月未満', [4.41, 5.84, 7.18]],
  ['weight', 'male', 3, 4, '3〜4か月未満', [5.12, 6.63, 8.07]],
  ['weight', 'male', 4, 5, '4〜5か月未満', [5.67, 7.22, 8.72]],
  ['weight', 'male', 5, 6, '5〜6か月未満', [6.1, 7.66, 9.2]],
  ['weight', 'male', 6, 7, '6〜7か月未満', [6.44, 8.0, 9.57]],
  ['weight', 'male', 7, 8, '7〜8か月未満', [6.73, 8.27, 9.87]],
  ['weight', 'male', 8, 9, '8〜9か月未満', [6.96, 8.5, 10.14]],
  ['weight', 'male', 9, 10, '9〜10か月未満', [7.16, 8.7, 10.37]],
  ['weight', 'male', 10, 11, '10〜11か月未満', [7.34, 8.88, 10.59]],
  ['weight', 'male', 11, 12, '11〜12か月未満', [7.51, 9.06, 10.82]],
  ['weight', 'male', 12, 13, '1年0〜1月未満', [7.68, 9.24, 11.04]],
];
