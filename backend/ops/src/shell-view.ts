// The signed-in shell: who is logged in and in which role, the sections that role may open, and logout.
// Sections without a view of their own yet are placeholders that later issues fill.
import { alertSection } from './alert-section.ts';
import { deliveriesTable } from './deliveries-view.ts';
import { el, show } from './dom.ts';
import { healthSection } from './health-section.ts';
import { loadInto } from './load-into.ts';
import { pageIn, roleLabels, type Section, sectionAt, sectionsFor } from './navigation.ts';
import { type OperatorAccountView, reportDeliveries } from './operator-api.ts';
import { shelterSection } from './shelter-section.ts';
import { watchOverSection } from './watch-over-section.ts';

export interface Shell {
  root: HTMLElement;
  /** Shows the section the location hash names (or home). */
  route(hash: string): void;
}

export function shellView(
  account: OperatorAccountView,
  options: { token: string; onLogout: () => void },
): Shell {
  const role = roleLabels[account.role];
  const logout = el('button', { type: 'button', class: 'logout' }, 'ログアウト');
  logout.addEventListener('click', options.onLogout);
  const links = sectionsFor(account.role).map((section) =>
    el('a', { href: `#/${section.id}`, 'data-section': section.id }, section.title),
  );
  const home = el('a', { href: '#/' }, 'ホーム');
  const main = el('main', { id: 'main', tabindex: '-1' });
  const root = el(
    'div',
    { class: 'shell' },
    el(
      'header',
      {},
      el('p', { class: 'product' }, 'マイナTV 運用ダッシュボード'),
      el(
        'p',
        { class: 'who' },
        el('span', { class: 'name' }, account.displayName),
        el('span', { class: 'role', 'data-role': account.role }, role),
      ),
      logout,
    ),
    el('nav', { 'aria-label': 'メニュー' }, el('ul', {}, ...[home, ...links].map((a) => el('li', {}, a)))),
    main,
  );

  const homePage = () => [
    el('h1', {}, 'ホーム'),
    el('p', {}, `${account.displayName} さん、ようこそ。`),
    el('p', {}, `あなたの役割は「${role}」です。左のメニューから作業を選んでください。`),
  ];
  /** The section's content, filled in once its data arrives (a later route replaces it). */
  const sectionBody = (section: Section, hash: string): HTMLElement => {
    if (section.id === 'alerts') {
      const { localGovernmentCode } = account;
      return alertSection({ token: options.token, localGovernmentCode, path: pageIn(hash) });
    }
    if (section.id === 'shelters') return shelterSection({ token: options.token, role: account.role });
    if (section.id === 'watch-over') return watchOverSection({ token: options.token });
    if (section.id === 'health') return healthSection({ token: options.token, path: pageIn(hash) });
    if (section.id !== 'reports') return el('p', { class: 'pending' }, 'この画面は準備中です。');
    const body = el('div', { 'aria-busy': 'true' }, '読み込んでいます…');
    loadInto(body, reportDeliveries(options.token), deliveriesTable);
    return body;
  };
  const sectionPage = (section: Section, hash: string) => [
    el('h1', {}, section.title),
    el('p', {}, section.summary),
    sectionBody(section, hash),
  ];

  return {
    root,
    route(hash) {
      const section = sectionAt(hash, account.role);
      for (const a of [home, ...links]) {
        const current = section ? a.dataset.section === section.id : a === home;
        if (current) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      show(main, ...(section ? sectionPage(section, hash) : homePage()));
      main.focus();
    },
  };
}
