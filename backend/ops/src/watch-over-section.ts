// The watch-over section (見守り): the households that agreed to watch-over and have been quiet for their quiet
// period (backend/src/watch-over, GET /api/v1/ops/watch-over/notices), newest first, with the contacts to call;
// below it, recording a household's consent (watch-over-consent-view.ts). Reading the list is audited (names,
// addresses and phone numbers).
import type { QuietNotice } from '../../src/watch-over/contracts.ts';
import { el } from './dom.ts';
import { loadInto } from './load-into.ts';
import { call } from './operator-api.ts';
import { consentView, contactText } from './watch-over-consent-view.ts';

const when = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const at = (iso: string) => when.format(new Date(iso));

function noticeTable(notices: readonly QuietNotice[]): HTMLElement {
  if (notices.length === 0) return el('p', { class: 'ok' }, '応答のない見守り世帯はありません。');
  return el(
    'table',
    { class: 'watch-over' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['住所', '世帯員', '最後の操作', '通知', '連絡先', '状態'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...notices.map((n) =>
        el(
          'tr',
          { 'data-household': n.householdId },
          el('td', {}, n.address),
          el('td', {}, n.members.join('、')),
          el('td', {}, at(n.quietSince)),
          el('td', {}, at(n.raisedAt)),
          el('td', {}, n.contacts.map(contactText).join('／')),
          n.resolvedAt === null
            ? el('td', { class: 'warning' }, '応答なし')
            : el('td', {}, `${at(n.resolvedAt)} 操作あり`),
        ),
      ),
    ),
  );
}

export function watchOverSection(options: { token: string }): HTMLElement {
  const body = el('div', { 'aria-live': 'polite' });
  const all = el('input', { type: 'checkbox', id: 'watch-over-all' });
  const refresh = el('button', { type: 'button' }, '最新の状態に更新');
  const load = () => {
    const query = all.checked ? 'open=false' : 'open=true';
    loadInto(
      body,
      call<{ notices: QuietNotice[] }>('GET', `/ops/watch-over/notices?${query}`, { token: options.token }),
      ({ notices }) => noticeTable(notices),
    );
  };
  refresh.addEventListener('click', load);
  all.addEventListener('change', load);
  load();
  return el(
    'div',
    {},
    el(
      'section',
      { 'aria-label': '応答のない見守り世帯' },
      el('h2', {}, '応答のない見守り世帯'),
      el('p', { class: 'note' }, '氏名・住所・電話番号を含みます。表示した記録が監査ログに残ります。'),
      el('p', {}, all, el('label', { for: 'watch-over-all' }, '操作が戻った世帯も表示'), refresh),
      body,
    ),
    consentView({ token: options.token }),
  );
}
