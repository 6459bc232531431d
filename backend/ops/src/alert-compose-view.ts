// The form to send an exercise (訓練: shown on the TVs, marked 訓練) or a test (試験: stored, never shown)
// alert. It posts to the compose route, which writes CAP 1.2 and takes the same ingest path as any official
// message; on success the alert's page opens.
import type { ComposeAlertForm, MunicipalityAreas } from './alert-api.ts';
import { composeAlert, municipalityAreas } from './alert-api.ts';
import { el } from './dom.ts';
import { field } from './form-field.ts';
import { OperatorApiError } from './operator-api.ts';

function radios(name: string, legend: string, options: [string, string][], checked: string) {
  return el(
    'fieldset',
    {},
    el('legend', {}, legend),
    ...options.map(([value, label]) =>
      el(
        'label',
        { class: 'choice' },
        el('input', { type: 'radio', name, value, ...(value === checked ? { checked: '' } : {}) }),
        label,
      ),
    ),
  );
}

/** `lat,lon` per line (or separated by spaces/semicolons) → points; undefined when a line is not a point. */
export function parsePolygon(text: string): [number, number][] | undefined {
  const points = text
    .split(/[\n;]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/[,\s、，]+/).map(Number));
  if (points.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return undefined;
  return points as [number, number][];
}

export function composeView(options: { token: string; localGovernmentCode: string | null }): HTMLElement {
  const form = el('form', { class: 'compose', novalidate: '' });
  const level = el(
    'select',
    { name: 'level' },
    el('option', { value: '3' }, '警戒レベル3 高齢者等避難'),
    el('option', { value: '4', selected: '' }, '警戒レベル4 避難指示'),
    el('option', { value: '5' }, '警戒レベル5 緊急安全確保'),
  );
  const event = el('input', { name: 'event', value: '洪水', maxlength: '60', required: '' });
  const headline = el('input', { name: 'headline', maxlength: '160', required: '' });
  const description = el('textarea', { name: 'description', rows: '3', maxlength: '2000' });
  const instruction = el('textarea', { name: 'instruction', rows: '3', maxlength: '2000' });
  const code = el('input', {
    name: 'localGovernmentCode',
    inputmode: 'numeric',
    pattern: '[0-9]{6}',
    value: options.localGovernmentCode ?? '',
  });
  const machiaza = el('textarea', { name: 'machiazaIds', rows: '2' });
  // The municipality's 町字 by name, for the code given (loaded again when it changes).
  const named = el('fieldset', { class: 'machiaza-names' });
  const showNamed = (areas: MunicipalityAreas | undefined) => {
    named.replaceChildren(el('legend', {}, areas?.name ? `${areas.name}の町字を選ぶ` : '町字を選ぶ'));
    if (areas === undefined || areas.machiaza.length === 0) {
      named.append(
        el('p', { class: 'empty' }, '名前の分かる町字はありません。町字コードを入力してください。'),
      );
      return;
    }
    for (const area of areas.machiaza) {
      named.append(
        el(
          'label',
          { class: 'choice' },
          el('input', { type: 'checkbox', name: 'machiaza', value: area.code }),
          area.name,
        ),
      );
    }
  };
  const loadNamed = () => {
    const value = code.value.trim();
    if (!/^\d{6}$/.test(value)) return showNamed(undefined);
    municipalityAreas(options.token, value).then(
      (areas) => {
        if (code.value.trim() === value) showNamed(areas);
      },
      () => showNamed(undefined),
    );
  };
  code.addEventListener('change', loadNamed);
  loadNamed();
  const polygon = el('textarea', { name: 'polygon', rows: '4' });
  const expires = el('input', {
    name: 'expiresMinutes',
    type: 'number',
    min: '5',
    max: '10080',
    value: '60',
  });
  const status = el('p', { class: 'status', role: 'status' });
  const send = el('button', { type: 'submit' }, '送信する');
  form.append(
    radios(
      'status',
      '種別',
      [
        ['Exercise', '訓練（テレビに「訓練」と表示して配信）'],
        ['Test', '試験（保存のみ・表示しない）'],
      ],
      'Exercise',
    ),
    field('警戒レベル', level),
    field('災害の種類', event, '例：洪水、土砂災害、高潮'),
    field('見出し', headline, '例：【訓練】美波町に避難指示'),
    field('詳しい説明（任意）', description),
    field('とるべき行動（任意）', instruction),
    radios(
      'areaKind',
      '対象地域',
      [
        ['code', '市町村全域'],
        ['machiaza', '町字を指定'],
        ['polygon', '範囲を指定'],
      ],
      'code',
    ),
    field('地方公共団体コード（6桁）', code),
    named,
    field('町字コード（12桁、1行に1つ。上で選んだ町字に加えて）', machiaza),
    field('範囲の頂点（1行に「緯度,経度」、3点以上）', polygon),
    field('有効時間（分）', expires),
    send,
    status,
  );

  const read = (): ComposeAlertForm | string => {
    const data = new FormData(form);
    const areaKind = data.get('areaKind');
    let area: ComposeAlertForm['area'];
    if (areaKind === 'machiaza') {
      const typed = machiaza.value.split(/[\s,、]+/).filter((id) => id !== '');
      if (typed.some((id) => !/^\d{12}$/.test(id))) return '町字コードは12桁の数字で入力してください。';
      const ids = [...new Set([...data.getAll('machiaza').map(String), ...typed])];
      if (ids.length === 0) return '町字を選ぶか、町字コードを入力してください。';
      area = { machiazaIds: ids };
    } else if (areaKind === 'polygon') {
      const points = parsePolygon(polygon.value);
      if (points === undefined || points.length < 3) return '範囲は「緯度,経度」を3点以上入力してください。';
      area = { polygon: points };
    } else {
      if (!/^\d{6}$/.test(code.value.trim())) return '地方公共団体コードは6桁の数字で入力してください。';
      area = { localGovernmentCode: code.value.trim() };
    }
    if (headline.value.trim() === '') return '見出しを入力してください。';
    if (event.value.trim() === '') return '災害の種類を入力してください。';
    const minutes = Number(expires.value);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 10080)
      return '有効時間は5〜10080分で入力してください。';
    return {
      status: data.get('status') === 'Test' ? 'Test' : 'Exercise',
      level: Number(level.value) as 3 | 4 | 5,
      event: event.value.trim(),
      headline: headline.value.trim(),
      ...(description.value.trim() ? { description: description.value.trim() } : {}),
      ...(instruction.value.trim() ? { instruction: instruction.value.trim() } : {}),
      area,
      expiresMinutes: minutes,
    };
  };

  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    const input = read();
    if (typeof input === 'string') {
      status.textContent = input;
      return;
    }
    send.disabled = true;
    status.textContent = '送信しています…';
    composeAlert(options.token, input)
      .then(
        (answer) => {
          window.location.hash = `#/alerts/${answer.id}`;
        },
        (error: unknown) => {
          status.textContent = `送信できませんでした（${error instanceof OperatorApiError ? error.code : 'error'}）。`;
        },
      )
      .finally(() => {
        send.disabled = false;
      });
  });

  return el(
    'section',
    { 'aria-label': '訓練・試験の避難情報の作成' },
    el('p', {}, el('a', { href: '#/alerts' }, '← 一覧に戻る')),
    el('h2', {}, '訓練・試験の避難情報を作成'),
    el(
      'p',
      { class: 'note' },
      '実際の避難情報はここからは送れません。訓練は対象の世帯のテレビに「訓練」と表示されます。',
    ),
    form,
  );
}
