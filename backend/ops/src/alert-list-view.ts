// 避難情報: every alert the reader may see, newest first: level colour, headline, state, 訓練/試験 mark and
// the counts; each opens its page. A link leads to the compose form.
import type { AlertSummary } from './alert-api.ts';
import { alertStateLabels, at, countLabels, drillMark, levelColours, levelLabel } from './alert-labels.ts';
import { el } from './dom.ts';

/** The level as a coloured badge (colour and words: never colour alone). */
export function levelBadge(level: number | null): HTMLElement {
  const colours = level === null ? undefined : levelColours[level];
  const badge = el('span', { class: 'level-badge', 'data-level': String(level ?? '') }, levelLabel(level));
  if (colours) badge.style.cssText = `background:${colours.background};color:${colours.ink}`;
  return badge;
}

export function drillBadge(status: string): HTMLElement | null {
  const mark = drillMark(status);
  return mark === null ? null : el('span', { class: 'drill-badge', 'data-status': status }, mark);
}

const headers = [
  '受信日時',
  'レベル',
  '見出し',
  '状態',
  ...countLabels.slice(0, 5).map(([, label]) => label),
];

export function alertListView(alerts: readonly AlertSummary[]): HTMLElement {
  const compose = el('a', { href: '#/alerts/new', class: 'action' }, '訓練・試験の避難情報を作成');
  if (alerts.length === 0) {
    return el('section', {}, compose, el('p', { class: 'empty' }, '受信した避難情報はまだありません。'));
  }
  return el(
    'section',
    { 'aria-label': '避難情報の一覧' },
    compose,
    el(
      'table',
      { class: 'alerts' },
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...alerts.map((alert) =>
          el(
            'tr',
            { 'data-alert': alert.id, 'data-state': alert.state },
            el('td', {}, at(alert.receivedAt)),
            el('td', {}, levelBadge(alert.level)),
            el(
              'td',
              {},
              drillBadge(alert.status),
              el('a', { href: `#/alerts/${alert.id}` }, alert.headline ?? alert.event ?? alert.identifier),
            ),
            el('td', {}, alertStateLabels[alert.state] ?? alert.state),
            ...countLabels
              .slice(0, 5)
              .map(([key]) => el('td', { class: 'number', 'data-count': key }, String(alert.counts[key]))),
          ),
        ),
      ),
    ),
  );
}
