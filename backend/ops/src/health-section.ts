// The 母子健康の利用申込み section's pages by hash: `#/health` the municipality's applications, `#/health/<id>`
// one application with its decision. Reading them is audited by the backend (names, birth dates, addresses).
import { el } from './dom.ts';
import { linkApplications } from './health-api.ts';
import { applicationDetailView, applicationListView } from './link-application-view.ts';
import { loadInto } from './load-into.ts';

export function healthSection(options: {
  token: string;
  /** What follows `#/health/` in the hash ('' for the list). */
  path: string;
}): HTMLElement {
  const body = el('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, '読み込んでいます…');
  const { token, path } = options;
  loadInto(body, linkApplications(token), (applications) => {
    if (path === '') return applicationListView(applications);
    const application = applications.find((a) => a.applicationId === path);
    if (application === undefined)
      return el('p', { class: 'error', role: 'alert' }, 'この利用申込みは見つかりません。');
    return applicationDetailView(token, application);
  });
  return el(
    'section',
    { 'aria-label': '母子健康の利用申込み' },
    el('p', { class: 'note' }, '氏名・生年月日・住所を含みます。表示した記録が監査ログに残ります。'),
    body,
  );
}
