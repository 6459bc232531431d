// The dashboard's sections and who may open them: one table, matching the roles the backend's routes admit
// (devices and the audit log are operator-admin only, backend/src/devices and backend/src/audit). Later issues
// fill the sections; the shell shows each role only its own.
import type { OperatorRole } from '../../src/accounts/roles.ts';

export interface Section {
  /** The hash route: `#/devices`. */
  id: 'devices' | 'households' | 'alerts' | 'shelters' | 'watch-over' | 'health' | 'reports' | 'audit';
  title: string;
  summary: string;
  roles: readonly OperatorRole[];
}

export const sections: readonly Section[] = [
  {
    id: 'devices',
    title: '機器（STB）',
    summary: 'セットトップボックスの登録・一覧・停止',
    roles: ['operator-admin'],
  },
  {
    id: 'households',
    title: '世帯',
    summary: '世帯と要配慮者の確認',
    roles: ['operator-admin', 'municipality-staff'],
  },
  {
    id: 'alerts',
    title: '避難情報',
    summary: '避難情報の発信・配信状況・安否の回答',
    roles: ['operator-admin', 'municipality-staff'],
  },
  {
    id: 'shelters',
    title: '避難所',
    summary: '避難所の開設状況と受付',
    roles: ['operator-admin', 'municipality-staff', 'shelter-staff'],
  },
  {
    id: 'watch-over',
    title: '見守り',
    summary: 'テレビの操作が途絶えた見守り世帯と連絡先',
    roles: ['operator-admin', 'municipality-staff'],
  },
  {
    // Municipality staff only: the routes act for the staff member's own municipality.
    id: 'health',
    title: '母子健康の利用申込み',
    summary: '保護者からの母子健康情報の利用申込みの審査（承認・却下）',
    roles: ['municipality-staff'],
  },
  {
    id: 'reports',
    title: '現況届の配信',
    summary: '保険者・年金機関への現況届と失効通知の送信状況',
    roles: ['operator-admin'],
  },
  { id: 'audit', title: '監査ログ', summary: '誰がいつ何を見たか・変えたか', roles: ['operator-admin'] },
];

export const roleLabels: Readonly<Record<OperatorRole, string>> = {
  'operator-admin': '運用管理者',
  'municipality-staff': '自治体職員',
  'shelter-staff': '避難所スタッフ',
};

export function sectionsFor(role: OperatorRole): Section[] {
  return sections.filter((section) => section.roles.includes(role));
}

/** The section a hash names (`#/alerts` or a page in it, `#/alerts/new`), if this role may open it; anything
 * else is the home page. */
export function sectionAt(hash: string, role: OperatorRole): Section | undefined {
  const [id] = hash.replace(/^#\/?/, '').split('/');
  return sectionsFor(role).find((section) => section.id === id);
}

/** The page within a section: what follows `#/<section>/` ('' for the section itself). */
export function pageIn(hash: string): string {
  return hash.replace(/^#\/?/, '').split('/').slice(1).join('/');
}
