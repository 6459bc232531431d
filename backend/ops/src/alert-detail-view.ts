// One alert's page: what it says, the counts (updated live), the map, the counts per area and per shelter,
// and the households with people needing help that have not answered (personal data: read on request,
// each read audited by the backend).
//
// Live by polling every 2 s rather than server-sent events: any backend node answers a poll from the
// database, so no node has to learn of answers stored by another (SSE would need a cross-node channel), it
// passes every proxy, and one poll is one aggregate query. Polls never overlap and pause while the tab is
// hidden; the map's points, heavier, are redrawn every 10 s.
import {
  type AlertCounts,
  type AlertDetail,
  alertDetail,
  alertMap,
  type NeedsAssistance,
  needsAssistance,
} from './alert-api.ts';
import { alertStateLabels, areaLabel, at, countLabels } from './alert-labels.ts';
import { drillBadge, levelBadge } from './alert-list-view.ts';
import { alertMapView } from './alert-map.ts';
import { el, show } from './dom.ts';
import { loadErrorText } from './load-into.ts';

export const countsPollMs = 2000;
export const mapPollMs = 10_000;

function countsPanel(counts: AlertCounts): HTMLElement {
  return el(
    'dl',
    { class: 'counts', 'aria-label': '配信と回答の集計' },
    ...countLabels.map(([key, label]) =>
      el(
        'div',
        { class: 'count', 'data-count': key },
        el('dt', {}, label),
        el('dd', {}, String(counts[key])),
      ),
    ),
  );
}

function countsTable(caption: string, first: string, rows: { name: string; counts: AlertCounts }[]) {
  if (rows.length === 0) return el('p', { class: 'empty' }, `${caption}：対象の世帯はありません。`);
  return el(
    'table',
    { class: 'counts-table' },
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, first),
        ...countLabels.map(([, l]) => el('th', { scope: 'col' }, l)),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, row.name),
          ...countLabels.map(([key]) => el('td', { class: 'number' }, String(row.counts[key]))),
        ),
      ),
    ),
  );
}

function groupTables(detail: AlertDetail): HTMLElement[] {
  const areas = detail.areas.map((area) => ({
    name: areaLabel(area, area.machiazaId === null),
    counts: area.counts,
  }));
  const shelters = detail.shelters.map((s) => ({ name: s.name ?? '割り当てなし', counts: s.counts }));
  return [countsTable('地域別', '地域', areas), countsTable('避難所別', '避難所', shelters)];
}

function needsList(households: readonly NeedsAssistance[]): HTMLElement {
  if (households.length === 0) {
    return el('p', { class: 'ok' }, '要配慮者のいる世帯は、すべて回答済みです。');
  }
  return el(
    'table',
    { class: 'needs' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['住所', '世帯員', '避難先', '受信', '表示', 'テレビ操作'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...households.map((h) =>
        el(
          'tr',
          { 'data-household': h.householdId },
          el('td', {}, h.address),
          el('td', {}, h.members.map((m) => (m.needsAssistance ? `${m.name}（要配慮）` : m.name)).join('、')),
          el('td', {}, h.shelterName ?? '—'),
          el('td', {}, h.acknowledged ? '済' : '未'),
          el('td', {}, h.shownAt === null ? '未' : at(h.shownAt)),
          // Watch-over counts: no remote key pressed since the alert and no answer — reach this household first.
          h.tvActivity ? el('td', {}, 'あり') : el('td', { class: 'warning' }, 'なし（要確認）'),
        ),
      ),
    ),
  );
}

/** The page; it stops polling by itself once it is no longer in the document. */
export function alertDetailView(token: string, alertId: string): HTMLElement {
  const heading = el('div', { class: 'alert-heading' }, '読み込んでいます…');
  const counts = el('div', { 'aria-live': 'polite' });
  const updated = el('p', { class: 'updated' });
  const groups = el('div', { class: 'groups' });
  const map = alertMapView();
  const needsBody = el('div', {});
  const needsButton = el('button', { type: 'button' }, '未回答の要配慮者世帯を表示');
  const root = el(
    'article',
    { class: 'alert-detail', 'data-alert': alertId },
    el('p', {}, el('a', { href: '#/alerts' }, '← 一覧に戻る')),
    heading,
    el('h3', {}, '配信と回答'),
    counts,
    updated,
    el('h3', {}, '地図'),
    map.root,
    groups,
    el(
      'section',
      { 'aria-label': '未回答の要配慮者世帯' },
      el('h3', {}, '未回答の要配慮者世帯'),
      el('p', { class: 'note' }, '氏名・住所を含みます。表示した記録が監査ログに残ります。'),
      needsButton,
      needsBody,
    ),
  );

  needsButton.addEventListener('click', () => {
    needsButton.disabled = true;
    needsAssistance(token, alertId)
      .then(
        (list) => {
          show(needsBody, needsList(list));
          needsButton.textContent = '最新の状態に更新';
        },
        (error: unknown) => show(needsBody, el('p', { class: 'error', role: 'alert' }, loadErrorText(error))),
      )
      .finally(() => {
        needsButton.disabled = false;
      });
  });

  let headed = false;
  const showDetail = (detail: AlertDetail) => {
    if (!headed) {
      const alert = detail.alert;
      show(
        heading,
        el(
          'h2',
          {},
          levelBadge(alert.level),
          drillBadge(alert.status),
          ' ',
          alert.headline ?? alert.event ?? '',
        ),
        el(
          'p',
          {},
          `${alertStateLabels[alert.state] ?? alert.state}・受信 ${at(alert.receivedAt)}・期限 ${at(alert.expiresAt)}`,
        ),
        el('p', {}, `対象地域：${detail.areaNames.join('、') || '—'}`),
        detail.description ? el('p', { class: 'description' }, detail.description) : null,
        detail.instruction ? el('p', { class: 'instruction' }, detail.instruction) : null,
      );
      headed = true;
    }
    show(counts, countsPanel(detail.alert.counts));
    show(groups, ...groupTables(detail));
    updated.textContent = `${new Intl.DateTimeFormat('ja-JP', { timeStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date())} 更新`;
  };

  const poll = (load: () => Promise<void>, everyMs: number) => {
    const tick = async () => {
      if (!root.isConnected && started) {
        map.dispose();
        return;
      }
      if (!document.hidden) {
        await load().catch((error: unknown) => {
          updated.textContent = loadErrorText(error);
        });
      }
      setTimeout(tick, everyMs);
    };
    void tick();
  };
  // Until the shell has put the page in place, isConnected is false: the first tick runs regardless.
  let started = false;
  poll(async () => showDetail(await alertDetail(token, alertId)), countsPollMs);
  poll(async () => map.update(await alertMap(token, alertId)), mapPollMs);
  started = true;
  return root;
}
