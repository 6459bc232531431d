// The 避難所 section: occupancy against capacity, arrivals (a plain SVG bar chart), households still at home per
// 町字 for the alert in force, supplies to send, the export, and on request the households needing help that
// are not at a shelter (names and addresses: each read is audited by the backend), and matching the people
// nothing resolves to a resident (shelter-matching.ts). Live by polling every 5 s
// like the alert pages (alert-detail-view.ts): never overlapping, paused while the tab is hidden, stopped
// once the page has left the document.
import { areaLabel } from './alert-labels.ts';
import { el, show } from './dom.ts';
import { loadErrorText } from './load-into.ts';
import {
  type AreaAtHome,
  type ArrivalBucket,
  arrivals,
  downloadReport,
  householdsAtHome,
  type NeedsAssistanceAtLarge,
  needsAssistanceNotAtShelter,
  type ShelterStatus,
  type ShelterSupplies,
  shelterStatuses,
  supplies,
} from './shelter-api.ts';
import { shelterImportPanel } from './shelter-import-panel.ts';
import { matchingPanel } from './shelter-matching.ts';

export const shelterPollMs = 5000;
const bucketMinutes = 30;

const sortLabel = (s: ShelterStatus) =>
  s.status === 'closed' ? '閉鎖' : s.openedAt !== null ? '開設' : '未開設';

function table(caption: string, head: string[], rows: (string | number)[][], numberFrom = 1): HTMLElement {
  return el(
    'table',
    { class: 'counts-table' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el(
          'tr',
          {},
          ...row.map((cell, i) =>
            i === 0
              ? el('th', { scope: 'row' }, String(cell))
              : el('td', i >= numberFrom ? { class: 'number' } : {}, String(cell)),
          ),
        ),
      ),
    ),
  );
}

export function occupancyTable(shelters: readonly ShelterStatus[]): HTMLElement {
  if (shelters.length === 0) return el('p', { class: 'empty' }, '受付中の避難所はありません。');
  const rows = shelters.map((s) => {
    const tr = el(
      'tr',
      { 'data-shelter': s.shelterId },
      el('th', { scope: 'row' }, s.name),
      el('td', {}, sortLabel(s)),
      el('td', { class: 'number', 'data-people': '' }, String(s.people)),
      el('td', { class: 'number' }, s.capacity === null ? (s.capacityText ?? '—') : String(s.capacity)),
      el('td', { class: 'number' }, s.capacity ? `${Math.round((s.people / s.capacity) * 100)}%` : '—'),
      el('td', { class: 'number', 'data-households': '' }, String(s.households)),
      el('td', { class: 'number' }, String(s.flagged)),
      el('td', { class: 'number' }, String(s.unresolved)),
    );
    if (s.capacity !== null && s.people >= s.capacity) tr.classList.add('full');
    return tr;
  });
  return el(
    'table',
    { class: 'counts-table', 'aria-label': '避難所の受入状況' },
    el('caption', {}, '受入状況（想定収容人数に対して）'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['避難所', '状況', '避難者数', '想定収容人数', '充足率', '世帯数', '要確認', '未照合'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

const svgNs = 'http://www.w3.org/2000/svg';
const svg = (tag: string, attributes: Record<string, string | number>, text?: string): SVGElement => {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
};

/** Arrivals of all shelters per bucket over the last 24 hours, as bars. */
export function arrivalsChart(buckets: readonly ArrivalBucket[], now: Date): SVGElement {
  const span = 24 * 60;
  const count = span / bucketMinutes;
  const bucketMs = bucketMinutes * 60_000;
  const first = Math.floor(now.getTime() / bucketMs) * bucketMs - (count - 1) * bucketMs;
  const totals = new Array<number>(count).fill(0);
  for (const b of buckets) {
    const index = Math.floor((Date.parse(b.at) - first) / bucketMs);
    if (index >= 0 && index < count) totals[index] = (totals[index] ?? 0) + b.arrivals;
  }
  const max = Math.max(1, ...totals);
  const width = 720;
  const height = 160;
  const barWidth = width / count;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height + 20}`,
    role: 'img',
    'aria-label': `到着者数（${bucketMinutes}分ごと、直近24時間、合計${totals.reduce((a, b) => a + b, 0)}人）`,
    class: 'arrivals-chart',
  });
  totals.forEach((n, i) => {
    const h = (n / max) * height;
    const bar = svg('rect', {
      x: i * barWidth + 1,
      y: height - h,
      width: barWidth - 2,
      height: h,
      fill: '#1f6feb',
    });
    bar.append(svg('title', {}, `${n}人`));
    root.append(bar);
  });
  const hour = new Intl.DateTimeFormat('ja-JP', { hour: 'numeric', timeZone: 'Asia/Tokyo' });
  for (let i = 0; i < count; i += 12) {
    root.append(
      svg('text', { x: i * barWidth, y: height + 16, 'font-size': 12 }, hour.format(first + i * bucketMs)),
    );
  }
  root.append(svg('text', { x: width - 4, y: 12, 'font-size': 12, 'text-anchor': 'end' }, `最大 ${max}人`));
  return root;
}

function atHomeTable(result: { alertId: string | null; areas: AreaAtHome[] }): HTMLElement {
  if (result.alertId === null) return el('p', { class: 'empty' }, '発令中の避難情報はありません。');
  return table(
    '在宅世帯（発令中の避難情報の対象地域）',
    ['地域', '対象世帯', '避難所', '避難中', '在宅', 'うち無事'],
    result.areas.map((a) => [areaLabel(a), a.targeted, a.atShelter, a.onTheWay, a.atHome, a.safe]),
  );
}

function suppliesTables(list: readonly ShelterSupplies[], names: ReadonlyMap<string, string>): HTMLElement {
  if (list.length === 0) return el('p', { class: 'empty' }, '避難者がいないため、必要な物資はありません。');
  const items = list[0]?.items ?? [];
  return table(
    `必要な物資（${list[0]?.days ?? 1}日分）`,
    ['避難所', '避難者', '乳児', '高齢者', ...items.map((i) => `${i.label}（${i.unit}）`)],
    list.map((s) => [
      names.get(s.shelterId) ?? s.shelterId,
      s.people,
      s.infants,
      s.elderly,
      ...s.items.map((i) => i.quantity),
    ]),
  );
}

function needsList(list: readonly NeedsAssistanceAtLarge[]): HTMLElement {
  if (list.length === 0) return el('p', { class: 'empty' }, '該当する世帯はありません。');
  return el(
    'ul',
    { class: 'needs-list' },
    ...list.map((h) =>
      el(
        'li',
        {},
        el('strong', {}, h.address),
        ` ${h.members.map((m) => (m.needsAssistance ? `${m.name}（要配慮）` : m.name)).join('、')}`,
        h.answer ? `・回答：${h.answer}` : '・未回答',
      ),
    ),
  );
}

/** The section; it stops polling by itself once it is no longer in the document. */
export function shelterSection(options: { token: string; role: string }): HTMLElement {
  const { token } = options;
  const occupancy = el('div', { 'aria-live': 'polite' });
  const chart = el('div', {});
  const atHome = el('div', {});
  const supplyBody = el('div', {});
  const updated = el('p', { class: 'updated' });
  const needsBody = el('div', {});
  const needsButton = el('button', { type: 'button' }, '避難所にいない要配慮者世帯を表示');
  const exportNote = el('p', {});
  const exportButton = (format: 'xml' | 'csv', label: string) => {
    const button = el('button', { type: 'button', 'data-export': format }, label);
    button.addEventListener('click', () => {
      downloadReport(token, format).then(
        () => show(exportNote),
        (error: unknown) =>
          show(exportNote, el('span', { class: 'error', role: 'alert' }, loadErrorText(error))),
      );
    });
    return button;
  };
  const officials = options.role !== 'shelter-staff';
  const root = el(
    'div',
    { class: 'shelter-section' },
    el('h2', {}, '受入状況'),
    occupancy,
    updated,
    el(
      'div',
      { class: 'actions' },
      exportButton('xml', 'Lアラート形式（XML）'),
      exportButton('csv', 'CSV（Excel）'),
    ),
    exportNote,
    el('h2', {}, '到着の推移'),
    chart,
    el('h2', {}, '必要な物資'),
    supplyBody,
    officials ? el('h2', {}, '在宅世帯') : null,
    officials ? atHome : null,
    officials
      ? el(
          'section',
          { 'aria-label': '避難所にいない要配慮者世帯' },
          el('h2', {}, '避難所にいない要配慮者世帯（無事の回答なし）'),
          el('p', { class: 'note' }, '氏名・住所を含みます。表示した記録が監査ログに残ります。'),
          needsButton,
          needsBody,
        )
      : null,
    matchingPanel(token),
    officials ? shelterImportPanel(options) : null,
  );

  needsButton.addEventListener('click', () => {
    needsButton.disabled = true;
    needsAssistanceNotAtShelter(token)
      .then(
        (result) => {
          show(needsBody, needsList(result.households));
          needsButton.textContent = '最新の状態に更新';
        },
        (error: unknown) => show(needsBody, el('p', { class: 'error', role: 'alert' }, loadErrorText(error))),
      )
      .finally(() => {
        needsButton.disabled = false;
      });
  });

  const load = async () => {
    const [shelters, buckets, stock, areas] = await Promise.all([
      shelterStatuses(token),
      arrivals(token, bucketMinutes),
      supplies(token, 1),
      officials ? householdsAtHome(token) : Promise.resolve(null),
    ]);
    show(occupancy, occupancyTable(shelters));
    show(chart, arrivalsChart(buckets, new Date()));
    show(supplyBody, suppliesTables(stock, new Map(shelters.map((s) => [s.shelterId, s.name]))));
    if (areas !== null) show(atHome, atHomeTable(areas));
    updated.textContent = `${new Intl.DateTimeFormat('ja-JP', { timeStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date())} 更新`;
  };
  let started = false;
  const tick = async () => {
    if (!root.isConnected && started) return;
    if (!document.hidden) {
      await load().catch((error: unknown) => {
        updated.textContent = loadErrorText(error);
      });
    }
    setTimeout(tick, shelterPollMs);
  };
  // Until the shell has put the page in place, isConnected is false: the first tick runs regardless.
  void tick();
  started = true;
  return root;
}
