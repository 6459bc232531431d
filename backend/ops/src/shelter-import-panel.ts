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

type Problem = ShelterImportAnswer['problems'][number];

const problemTexts: Record<Problem['code'], string> = {
  'record-unreadable': 'CSVの行として読めません（引用符の閉じ忘れなど）',
  'field-count': '項目の数が見出し行と合いません',
  'position-missing': '緯度・経度がないか、数値ではありません',
  'position-swapped': '緯度と経度が入れ替わっています',
  'position-outside-japan': '位置が日本の範囲外です',
  'site-kind-unknown': '指定緊急避難場所とも指定避難所とも判別できません',
  'id-missing': 'IDがありません',
  'id-duplicate': '同じIDが前の行にもあります',
  'id-not-common-id': 'IDが国土地理院の共通ID（Eと13桁の数字）ではありません',
  'id-other-municipality': '別の市区町村の施設です',
  'field-invalid': '値が正しくありません',
};

/** The registry's fields (shelter-schema.ts) as the published files name them. */
const fieldLabels: Record<string, string> = {
  id: 'ID',
  name: '名称',
  note: '名称の注記',
  address: '住所',
  latitude: '緯度',
  longitude: '経度',
  capacity: '想定収容人数',
};

function problemText(problem: Problem): string {
  if (problem.code !== 'field-invalid' || problem.field === undefined) return problemTexts[problem.code];
  const field = problem.field.split('.')[0] ?? problem.field;
  return `${fieldLabels[field] ?? field}の${problemTexts[problem.code]}`;
}

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
            // The English details stay at hand for the operator's support desk.
            el('td', { title: p.reason }, problemText(p)),
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
