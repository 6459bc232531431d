// Recording a household's watch-over consent from the signed paper form: find the household (address or a
// member's name), see its current consent, record or replace it (who agreed, the contacts to call, the quiet
// period, when the TV asks お変わりありませんか), or withdraw it. Contacts that are registered residents (set
// through the API) are kept when the form records the consent again.
import type { WatchOverContact } from '../../src/watch-over/contracts.ts';
import { at } from './alert-labels.ts';
import { el, show } from './dom.ts';
import { field } from './form-field.ts';
import { failureText, loadInto } from './load-into.ts';
import {
  type Consent,
  type ConsentInput,
  type HouseholdMatch,
  readConsent,
  recordConsent,
  searchHouseholds,
  withdrawConsent,
} from './watch-over-api.ts';

export const maxContacts = 5;
export const maxAskTimes = 4;
export const defaultQuietHours = 24;

export function contactText(contact: WatchOverContact): string {
  if ('residentId' in contact) return '登録住民（お知らせで連絡）';
  return `${contact.name}${contact.relation ? `（${contact.relation}）` : ''} ${contact.phone}`;
}

const consentLabels: Readonly<Record<HouseholdMatch['consent'], string>> = {
  none: '同意なし',
  agreed: '見守り中',
  withdrawn: '取り下げ済み',
};

/** What staff typed, as the form holds it. */
export interface ConsentForm {
  agreedBy: string;
  quietHours: string;
  askTimes: readonly string[];
  contacts: readonly { name: string; relation: string; phone: string }[];
  /** Registered residents among the current contacts: kept as they are. */
  residentContacts: readonly { residentId: string }[];
}

/** Full-width digits and hyphens (as typed on a Japanese keyboard) become ASCII; spaces go. */
const phoneForm = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[‐－―ー−]/g, '-')
    .replace(/\s+/g, '');

/** The consent to send, or what is wrong in words. Blank contact rows and blank times are left out. */
export function readConsentForm(form: ConsentForm): ConsentInput | string {
  const agreedBy = form.agreedBy.trim();
  if (agreedBy === '') return '同意した人の氏名を入力してください。';
  if (agreedBy.length > 100) return '同意した人の氏名は100文字以内で入力してください。';
  const quietHours = Number(form.quietHours.normalize('NFKC').trim());
  if (!Number.isInteger(quietHours) || quietHours < 1 || quietHours > 168)
    return '通知までの時間は1〜168時間の整数で入力してください。';
  const askTimes = form.askTimes.map((time) => time.trim()).filter((time) => time !== '');
  if (askTimes.some((time) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)))
    return '尋ねる時刻は「09:00」のように入力してください。';
  if (new Set(askTimes).size !== askTimes.length) return '同じ時刻が2回以上入力されています。';
  const contacts: WatchOverContact[] = [...form.residentContacts];
  for (const [i, row] of form.contacts.entries()) {
    const name = row.name.trim();
    const relation = row.relation.trim();
    const phone = phoneForm(row.phone);
    if (name === '' && relation === '' && phone === '') continue;
    if (name === '') return `連絡先${i + 1}の氏名を入力してください。`;
    if (!/^\+?[0-9][0-9-]{4,19}$/.test(phone))
      return `連絡先${i + 1}の電話番号を数字とハイフンで入力してください（例：090-1234-5678）。`;
    contacts.push({ name, phone, ...(relation !== '' ? { relation } : {}) });
  }
  if (contacts.length === 0) return '連絡先を1件以上入力してください。';
  if (contacts.length > maxContacts) return `連絡先は${maxContacts}件までです。`;
  return { agreedBy, quietHours, askTimes, contacts };
}

function consentFacts(consent: Consent | null): HTMLElement {
  if (consent === null) return el('p', {}, '見守りの同意は記録されていません。');
  const rows: [string, string][] = [
    ['状態', consent.withdrawnAt === null ? '見守り中' : `取り下げ済み（${at(consent.withdrawnAt)}）`],
    ['同意した人', consent.agreedBy],
    ['記録日時', at(consent.agreedAt)],
    ['通知までの時間', `操作がないまま${consent.quietHours}時間`],
    ['尋ねる時刻', consent.askTimes.length === 0 ? 'なし' : consent.askTimes.join('、')],
    ['連絡先', consent.contacts.map(contactText).join('／')],
  ];
  return el(
    'dl',
    { class: 'facts consent' },
    ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  );
}

/** The form, filled with the current consent when there is one (a withdrawn one too: agreeing again). */
function consentForm(
  consent: Consent | null,
  onSubmit: (input: ConsentInput, button: HTMLButtonElement) => void,
  say: (text: string) => void,
): HTMLFormElement {
  const phoneContacts = (consent?.contacts ?? []).flatMap((c) => ('residentId' in c ? [] : [c]));
  const residentContacts = (consent?.contacts ?? []).flatMap((c) => ('residentId' in c ? [c] : []));
  const agreedBy = el('input', { name: 'agreedBy', maxlength: '100', value: consent?.agreedBy ?? '' });
  const quietHours = el('input', {
    name: 'quietHours',
    type: 'number',
    min: '1',
    max: '168',
    value: String(consent?.quietHours ?? defaultQuietHours),
  });
  const askTimes = Array.from({ length: maxAskTimes }, (_, i) =>
    el('input', { name: 'askTime', type: 'time', value: consent?.askTimes[i] ?? '' }),
  );
  const rows = el('div', { class: 'contacts' });
  const contactInputs: { name: HTMLInputElement; relation: HTMLInputElement; phone: HTMLInputElement }[] = [];
  const addRow = (contact?: { name: string; relation?: string | undefined; phone: string }) => {
    const n = contactInputs.length + 1;
    const inputs = {
      name: el('input', { name: 'contactName', maxlength: '100', value: contact?.name ?? '' }),
      relation: el('input', { name: 'contactRelation', maxlength: '40', value: contact?.relation ?? '' }),
      phone: el('input', { name: 'contactPhone', type: 'tel', value: contact?.phone ?? '' }),
    };
    contactInputs.push(inputs);
    rows.append(
      el(
        'fieldset',
        {},
        el('legend', {}, `連絡先${n}`),
        field('氏名', inputs.name),
        field('続柄（任意）', inputs.relation, '例：長女、民生委員'),
        field('電話番号', inputs.phone, '例：090-1234-5678'),
      ),
    );
    return inputs;
  };
  for (const contact of phoneContacts) addRow(contact);
  if (phoneContacts.length === 0) addRow();
  const more = el('button', { type: 'button' }, '連絡先を追加');
  const updateMore = () => {
    more.disabled = residentContacts.length + contactInputs.length >= maxContacts;
  };
  more.addEventListener('click', () => {
    addRow().name.focus();
    updateMore();
  });
  updateMore();
  const submit = el('button', { type: 'submit' }, consent === null ? '同意を記録する' : '同意を記録し直す');
  const form = el(
    'form',
    { class: 'compose', 'aria-label': '見守りの同意の記録', novalidate: '' },
    field('同意した人（同意書の署名者）', agreedBy),
    el(
      'fieldset',
      {},
      el('legend', {}, '連絡先（電話で連絡する人、5件まで。空欄の行は記録しません）'),
      residentContacts.length > 0
        ? el('p', { class: 'note' }, `登録住民の連絡先 ${residentContacts.length} 件はそのまま残ります。`)
        : null,
      rows,
      more,
    ),
    field(
      '通知までの時間（時間）',
      quietHours,
      'テレビの操作がないまま、この時間が過ぎると連絡先と自治体に通知します。',
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'テレビで「お変わりありませんか」と尋ねる時刻（4つまで、任意）'),
      ...askTimes.map((input, i) => field(`時刻${i + 1}`, input)),
    ),
    submit,
  );
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    const input = readConsentForm({
      agreedBy: agreedBy.value,
      quietHours: quietHours.value,
      askTimes: askTimes.map((i) => i.value),
      contacts: contactInputs.map((c) => ({
        name: c.name.value,
        relation: c.relation.value,
        phone: c.phone.value,
      })),
      residentContacts,
    });
    if (typeof input === 'string') say(input);
    else onSubmit(input, submit);
  });
  return form;
}

/** Where a consent stands, in the search results' terms. */
const consentState = (consent: Consent | null): HouseholdMatch['consent'] =>
  consent === null ? 'none' : consent.withdrawnAt === null ? 'agreed' : 'withdrawn';

/** One household: its consent, the form, and withdrawal; `onChange` hears of each change. */
function householdPanel(
  token: string,
  household: HouseholdMatch,
  onChange: (state: HouseholdMatch['consent']) => void,
): HTMLElement {
  const panel = el('section', { class: 'household', 'aria-label': '選択した世帯の見守りの同意' });
  const status = el('p', { class: 'status', role: 'status' });
  const say = (text: string, options: { done?: boolean } = {}) => {
    status.textContent = text;
    status.className = options.done ? 'status ok' : 'status';
  };
  const render = (consent: Consent | null, done?: string) => {
    const heading = el('h3', { tabindex: '-1' }, household.address);
    const withdraw = el('button', { type: 'button' }, '同意を取り下げる');
    withdraw.addEventListener('click', () => {
      if (!window.confirm('この世帯の見守りの同意を取り下げます。よろしいですか。')) return;
      withdraw.disabled = true;
      say('取り下げています…');
      withdrawConsent(token, household.householdId)
        .then(() => readConsent(token, household.householdId))
        .then(
          (current) => render(current, '同意を取り下げました。'),
          (error: unknown) => {
            say(failureText('取り下げ', error));
            withdraw.disabled = false;
          },
        );
    });
    const form = consentForm(
      consent,
      (input, button) => {
        button.disabled = true;
        say('記録しています…');
        recordConsent(token, household.householdId, input).then(
          (recorded) => render(recorded, '同意を記録しました。'),
          (error: unknown) => {
            say(failureText('記録', error));
            button.disabled = false;
          },
        );
      },
      say,
    );
    show(
      panel,
      heading,
      el('p', {}, `世帯員：${household.members.join('、') || '（登録なし）'}`),
      consentFacts(consent),
      consent !== null && consent.withdrawnAt === null ? withdraw : null,
      el('h4', {}, consent === null ? '同意を記録する' : '同意を記録し直す'),
      form,
      status,
    );
    say(done ?? '', { done: done !== undefined });
    if (done !== undefined) onChange(consentState(consent));
    heading.focus();
  };
  panel.setAttribute('aria-busy', 'true');
  readConsent(token, household.householdId)
    .then(
      (consent) => render(consent),
      (error: unknown) =>
        show(panel, el('p', { class: 'error', role: 'alert' }, failureText('読み込み', error))),
    )
    .finally(() => panel.removeAttribute('aria-busy'));
  return panel;
}

function resultsTable(token: string, households: readonly HouseholdMatch[], panel: HTMLElement): HTMLElement {
  if (households.length === 0) return el('p', {}, '該当する世帯はありません。');
  return el(
    'table',
    { class: 'households' },
    el(
      'thead',
      {},
      el('tr', {}, ...['住所', '世帯員', '見守り', ''].map((h) => el('th', { scope: 'col' }, h))),
    ),
    el(
      'tbody',
      {},
      ...households.map((household) => {
        const choose = el('button', { type: 'button' }, '選択');
        choose.setAttribute('aria-label', `${household.address} を選択`);
        const state = el('td', {}, consentLabels[household.consent]);
        const onChange = (consent: HouseholdMatch['consent']) => {
          state.textContent = consentLabels[consent];
        };
        choose.addEventListener('click', () => show(panel, householdPanel(token, household, onChange)));
        return el(
          'tr',
          { 'data-household': household.householdId },
          el('td', {}, household.address),
          el('td', {}, household.members.join('、')),
          state,
          el('td', {}, choose),
        );
      }),
    ),
  );
}

export function consentView(options: { token: string }): HTMLElement {
  const text = el('input', { name: 'q', type: 'search', maxlength: '50' });
  const form = el(
    'form',
    { class: 'compose', role: 'search', 'aria-label': '世帯の検索' },
    field(
      '住所または世帯員の氏名',
      text,
      '一部だけでも探せます。空白で区切ると、すべてを含む世帯を探します。',
    ),
    el('button', { type: 'submit' }, '世帯を探す'),
  );
  const results = el('div', { 'aria-live': 'polite' });
  const panel = el('div');
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    if (text.value.trim() === '') {
      show(results, el('p', { class: 'error', role: 'alert' }, '住所または氏名を入力してください。'));
      return;
    }
    show(panel);
    loadInto(results, searchHouseholds(options.token, text.value.trim()), (households) =>
      resultsTable(options.token, households, panel),
    );
  });
  return el(
    'section',
    { 'aria-label': '見守りの同意の記録' },
    el('h2', {}, '見守りの同意の記録'),
    el('p', { class: 'note' }, '署名された同意書（紙）をもとに記録します。検索と表示は監査ログに残ります。'),
    form,
    results,
    panel,
  );
}
