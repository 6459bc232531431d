// The 照合 panel of the 避難所 section: on request, the people at a shelter whom nothing resolves to a resident
// (hand entries, cards not registered yet); for each, staff search the residents by part of the name and the
// age group and pick the one it is (POST /shelters/person-matches). Names are personal data: every list and
// search is audited by the backend, so nothing here loads by itself.
import { el, show } from './dom.ts';
import { OperatorApiError } from './operator-api.ts';
import {
  type AgeGroup,
  matchPerson,
  type ResidentCandidate,
  searchResidents,
  type UnresolvedPerson,
  unresolvedPeople,
} from './shelter-api.ts';

const ageLabels: Record<AgeGroup, string> = {
  infant: '乳児',
  child: '子ども',
  adult: '大人',
  elderly: '高齢者',
};

const errorText = (error: unknown) =>
  `できませんでした（${error instanceof OperatorApiError ? error.code : 'error'}）。`;

const personLabel = (p: UnresolvedPerson) =>
  p.manual === null
    ? '未登録のカード'
    : `${p.manual.name}（${ageLabels[p.manual.ageGroup]}${p.manual.needsAssistance ? '・要配慮' : ''}、手入力）`;

export function matchingPanel(token: string): HTMLElement {
  const list = el('div', {});
  const note = el('p', { 'aria-live': 'polite' });
  const showButton = el('button', { type: 'button' }, '未確認の人を表示');
  const load = () =>
    unresolvedPeople(token).then(
      (people) => {
        show(
          list,
          people.length === 0 ? el('p', { class: 'empty' }, '未確認の人はいません。') : peopleList(people),
        );
        showButton.textContent = '最新の状態に更新';
      },
      (error: unknown) => show(list, el('p', { class: 'error', role: 'alert' }, errorText(error))),
    );
  showButton.addEventListener('click', () => void load());

  const peopleList = (people: readonly UnresolvedPerson[]) =>
    el(
      'ul',
      { class: 'unresolved' },
      ...people.map((p) => el('li', { 'data-person': p.personKey }, ...personRow(p))),
    );

  const personRow = (person: UnresolvedPerson) => {
    const name = el('input', {
      type: 'search',
      'aria-label': '氏名の一部',
      value: person.manual?.name ?? '',
    });
    const age = el(
      'select',
      { 'aria-label': '年齢区分' },
      el('option', { value: '' }, '年齢区分：指定なし'),
      ...(Object.keys(ageLabels) as AgeGroup[]).map((group) => {
        const option = el('option', { value: group }, ageLabels[group]);
        if (person.manual?.ageGroup === group) option.selected = true;
        return option;
      }),
    );
    const results = el('div', {});
    const search = el('button', { type: 'button' }, '住民を検索');
    search.addEventListener('click', () => {
      const query = {
        ...(name.value.trim() ? { name: name.value.trim() } : {}),
        ...(age.value ? { ageGroup: age.value as AgeGroup } : {}),
      };
      searchResidents(token, query).then(
        (found) => show(results, candidates(person, found)),
        (error: unknown) => show(results, el('p', { class: 'error', role: 'alert' }, errorText(error))),
      );
    });
    return [el('strong', {}, personLabel(person)), ' ', name, age, search, results];
  };

  const candidates = (person: UnresolvedPerson, found: readonly ResidentCandidate[]) => {
    if (found.length === 0) return el('p', { class: 'empty' }, '該当する住民はいません。');
    return el(
      'ul',
      { class: 'candidates' },
      ...found.map((resident) => {
        const pick = el('button', { type: 'button' }, 'この人に決定');
        pick.addEventListener('click', () => {
          matchPerson(token, person.personKey, resident.residentId).then(
            () => {
              show(note, `${resident.name}さんとして照合しました。`);
              void load();
            },
            (error: unknown) => show(note, el('span', { class: 'error', role: 'alert' }, errorText(error))),
          );
        });
        return el(
          'li',
          { 'data-resident': resident.residentId },
          `${resident.name}（${ageLabels[resident.ageGroup]}、${resident.dateOfBirth}生、${resident.address}） `,
          pick,
        );
      }),
    );
  };

  return el(
    'section',
    { 'aria-label': '未確認の人の照合' },
    el('h2', {}, '未確認の人の照合'),
    el('p', { class: 'note' }, '氏名を含みます。表示と検索の記録が監査ログに残ります。'),
    showButton,
    note,
    list,
  );
}
