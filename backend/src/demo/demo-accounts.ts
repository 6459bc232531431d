// The demo's operator accounts, one per role, so every part of the dashboard can be tried. Their password is
// a documented fixture (README "Running", printed by `npm start`) like the demo card's PIN: a demo database
// is not for real use, and these accounts must not exist in one that is.
import type { NewOperatorAccount } from '../accounts/index.ts';
import { demoLocalGovernmentCode } from './demo-town.ts';

/** The demo accounts' password (12+ characters, as the password policy asks). */
export const demoOperatorPassword = 'minami-demo-2026';

export const demoOperatorAccounts: readonly Omit<NewOperatorAccount, 'password'>[] = [
  { loginName: 'demo-admin', displayName: 'デモ 運用管理者（CATV局）', role: 'operator-admin' },
  {
    loginName: 'demo-town',
    displayName: 'デモ 美波町 防災担当',
    role: 'municipality-staff',
    localGovernmentCode: demoLocalGovernmentCode,
  },
  { loginName: 'demo-shelter', displayName: 'デモ 避難所スタッフ', role: 'shelter-staff' },
];
