// 母子健康 利用申込み as municipality staff review them: the list (pending first) with the parent's verified four
// items and the children they named, and one application with the decision: approve by entering the
// municipality's own identifiers of the children (the Patient identifiers of its FHIR bundles), or reject with
// a reason the parent is shown.
import { at } from './alert-labels.ts';
import { el, show } from './dom.ts';
import { field } from './form-field.ts';
import {
  decideLinkApplication,
  type LinkApplication,
  type LinkApplicationState,
  type LinkDecision,
} from './health-api.ts';
import { failureText } from './load-into.ts';

const stateLabels: Readonly<Record<LinkApplicationState, string>> = {
  pending: '審査待ち',
  approved: '承認済み',
  rejected: '却下',
};

export const stateLabel = (state: LinkApplicationState) => stateLabels[state];

/** `2025-07-01` → `2025年7月1日`. */
export function japaneseDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** The child as the parent named them; the TV lets a parent leave the name out. */
export function childLabel(child: LinkApplication['children'][number]): string {
  return `${child.name?.trim() || '（氏名未記入）'}（${japaneseDate(child.birthDate)}生）`;
}

/** The approval from the form: the identifier system and one value per child (a blank one: not linked). */
export function readApproval(system: string, values: readonly string[]): LinkDecision | string {
  const trimmed = system.trim();
  if (trimmed === '') return '識別子の体系（system）を入力してください。';
  const given = values.map((value) => value.trim()).filter((value) => value !== '');
  if (given.length === 0) return '少なくとも1人のお子さまの識別子を入力してください。';
  if (new Set(given).size !== given.length) return '同じ識別子が2回以上入力されています。';
  return { decision: 'approve', children: given.map((value) => ({ system: trimmed, value })) };
}

export const maxReasonLength = 400;

export function readRejection(reason: string): LinkDecision | string {
  const trimmed = reason.trim();
  if (trimmed === '') return '却下の理由を入力してください（申込者に伝わります）。';
  if (trimmed.length > maxReasonLength) return `却下の理由は${maxReasonLength}文字以内で入力してください。`;
  return { decision: 'reject', reason: trimmed };
}

export function applicationListView(applications: readonly LinkApplication[]): HTMLElement {
  if (applications.length === 0) return el('p', { class: 'ok' }, '利用申込みはありません。');
  return el(
    'table',
    { class: 'link-applications' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['受付番号', '状態', '申込日時', '申込者', '生年月日', '住所', 'お子さま'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...applications.map((application) =>
        el(
          'tr',
          { 'data-application': application.applicationId, 'data-state': application.state },
          el('td', {}, el('a', { href: `#/health/${application.applicationId}` }, application.receiptNumber)),
          el(
            'td',
            application.state === 'pending' ? { class: 'warning' } : {},
            stateLabel(application.state),
          ),
          el('td', {}, at(application.submittedAt)),
          el('td', {}, application.parent.name),
          el('td', {}, japaneseDate(application.parent.dateOfBirth)),
          el('td', {}, application.parent.address),
          el('td', {}, application.children.map(childLabel).join('、')),
        ),
      ),
    ),
  );
}

/** The identifier system last used on this browser: a municipality uses one for all its children. */
const systemKey = 'myna-tv-ops-child-identifier-system';

function facts(application: LinkApplication): HTMLElement {
  const rows: [string, string][] = [
    ['状態', stateLabel(application.state)],
    ['申込日時', at(application.submittedAt)],
    ['申込者の氏名', application.parent.name],
    ['申込者の生年月日', japaneseDate(application.parent.dateOfBirth)],
    ['申込者の住所', application.parent.address],
  ];
  if (application.decidedAt !== null) rows.push(['決定日時', at(application.decidedAt)]);
  if (application.reason) rows.push(['却下の理由', application.reason]);
  return el(
    'dl',
    { class: 'facts' },
    ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  );
}

/** One application: its facts and, while it is pending, the two decisions. */
export function applicationDetailView(token: string, application: LinkApplication): HTMLElement {
  const root = el('section', { 'aria-label': '利用申込みの審査' });
  const status = el('p', { class: 'status', role: 'status' });
  const render = (current: LinkApplication, done?: string) => {
    const heading = el('h2', { tabindex: '-1' }, `受付番号 ${current.receiptNumber} の利用申込み`);
    show(
      root,
      el('p', {}, el('a', { href: '#/health' }, '← 一覧に戻る')),
      heading,
      el(
        'p',
        { class: 'note' },
        '申込者の氏名・生年月日・住所は、マイナンバーカードの署名用電子証明書で確認されたものです。',
      ),
      facts(current),
      el('h3', {}, '申込みのあったお子さま'),
      el('ul', { class: 'children' }, ...current.children.map((child) => el('li', {}, childLabel(child)))),
      current.state === 'pending' ? decisionForms(current) : null,
      status,
    );
    status.textContent = done ?? '';
    status.className = done ? 'status ok' : 'status';
    if (done) heading.focus();
  };

  const decide = (decision: LinkDecision, button: HTMLButtonElement, verb: string) => {
    button.disabled = true;
    status.textContent = `${verb}しています…`;
    decideLinkApplication(token, application.applicationId, decision).then(
      (decided) => render(decided, `${verb}しました。`),
      (error: unknown) => {
        status.textContent = failureText(verb, error);
        button.disabled = false;
      },
    );
  };

  const decisionForms = (current: LinkApplication) => {
    const system = el('input', { name: 'system', value: localStorage.getItem(systemKey) ?? '' });
    const values = current.children.map(() => el('input', { name: 'identifier', autocomplete: 'off' }));
    const approve = el('button', { type: 'submit' }, '承認する');
    const approveForm = el(
      'form',
      { class: 'compose', 'aria-label': '承認' },
      el('h3', {}, '承認する'),
      el(
        'p',
        { class: 'note' },
        '母子保健の記録（FHIR）で使っている、自治体のお子さまの識別子を入力してください。',
        '記録が見つからないお子さまは空欄にできます（そのお子さまは結び付けません）。',
      ),
      field('識別子の体系（system）', system),
      ...current.children.map((child, i) => field(`${childLabel(child)}の識別子`, values[i] as HTMLElement)),
      approve,
    );
    approveForm.addEventListener('submit', (submitted) => {
      submitted.preventDefault();
      const decision = readApproval(
        system.value,
        values.map((input) => input.value),
      );
      if (typeof decision === 'string') {
        status.textContent = decision;
        return;
      }
      localStorage.setItem(systemKey, system.value.trim());
      decide(decision, approve, '承認');
    });

    const reason = el('textarea', { name: 'reason', rows: '3', maxlength: String(maxReasonLength) });
    const reject = el('button', { type: 'submit' }, '却下する');
    const rejectForm = el(
      'form',
      { class: 'compose', 'aria-label': '却下' },
      el('h3', {}, '却下する'),
      field('却下の理由（申込者に伝わります）', reason),
      reject,
    );
    rejectForm.addEventListener('submit', (submitted) => {
      submitted.preventDefault();
      const decision = readRejection(reason.value);
      if (typeof decision === 'string') {
        status.textContent = decision;
        return;
      }
      decide(decision, reject, '却下');
    });
    return el('div', { class: 'decisions' }, approveForm, rejectForm);
  };

  render(application);
  return root;
}
