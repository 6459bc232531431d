// 避難所データの取り込み: a municipality's shelter file as published (the 国土地理院 GeoJSON or a 自治体標準オープン
// データセット CSV, UTF-8 or Shift_JIS) into the shelters alerts assign from. What was stored and every row left
// out, with why, are shown; the same file again changes nothing.
import { el, show } from './dom.ts';
import { field } from './form-field.ts';
import { failureText } from './load-into.ts';
import { importShelters, type ShelterImportAnswer } from './shelter-api.ts';

const formatLabels: Record<ShelterImportAnswer['format'], string> = {
  'gsi-geojson': '国土地理院 GeoJSON',
  'open-data-csv': '自治体標準オープンデータセット CSV',
};

function answerView(answer: ShelterImportAnswer): HTMLElement {
  const summary = el(
    'p',
    { class: answer.problems.length === 0 ? 'ok' : 'warning', role: 'status' },
    `${answer.imported}か所を取り込みました（${formatLabels[answer.format]}、${answer.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}）。` +
      (answer.problems.length === 0 ? '' : `取り込めなかった行が${answer.problems.length}件あります。`),
  );
  if (answer.problems.length === 0) return summary;
  return el(
    'div',
    {},
    summary,
    el(
      'table',
      { class: 'counts-table' },
      el('caption', {}, '取り込めなかった行'),
      el('thead', {}, el('tr', {}, ...['行', 'ID', '理由'].map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...answer.problems.map((p) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, String(p.row)),
            el('td', {}, p.id ?? '—'),
            el('td', {}, p.reason),
          ),
        ),
      ),
    ),
  );
}

export function shelterImportPanel(options: { token: string; role: string }): HTMLElement {
  const file = el('input', { type: 'file', accept: '.csv,.geojson,.json' });
  // Municipality staff import for their own municipality; an admin says which.
  const admin = options.role === 'operator-admin';
  const code = el('input', { inputmode: 'numeric', pattern: '[0-9]{6}' });
  const button = el('button', { type: 'button' }, '取り込む');
  const result = el('div', { 'aria-live': 'polite' });
  button.addEventListener('click', () => {
    const chosen = file.files?.[0];
    if (chosen === undefined) {
      show(result, el('p', { class: 'error', role: 'alert' }, 'ファイルを選んでください。'));
      return;
    }
    const municipality = code.value.trim();
    if (admin && !/^\d{6}$/.test(municipality)) {
      show(
        result,
        el('p', { class: 'error', role: 'alert' }, '地方公共団体コードは6桁の数字で入力してください。'),
      );
      return;
    }
    button.disabled = true;
    show(result, el('p', {}, '取り込んでいます…'));
    importShelters(options.token, chosen, admin ? municipality : undefined)
      .then(
        (answer) => show(result, answerView(answer)),
        (error: unknown) =>
          show(result, el('p', { class: 'error', role: 'alert' }, failureText('取り込み', error))),
      )
      .finally(() => {
        button.disabled = false;
      });
  });
  return el(
    'section',
    { 'aria-label': '避難所データの取り込み' },
    el('h2', {}, '避難所データの取り込み'),
    el(
      'p',
      { class: 'note' },
      '国土地理院の指定緊急避難場所・指定避難所データ（GeoJSON）、または自治体標準オープンデータセットのCSV（UTF-8・Shift_JIS）。避難先の割り当てに使われます。',
    ),
    field('ファイル', file),
    admin ? field('地方公共団体コード（6桁）', code) : null,
    button,
    result,
  );
}
