// The shelter staff page: check in a household card by card (or by hand for people without a card), show each
// card's offline check plainly (a revoked, expired or untrusted card is recorded and must be acknowledged),
// check out, move, and notes with consent. Served by the bridge; talks only to its own origin. Touch or
// keyboard alone: Tab / Enter, arrow keys move between the buttons of a row, focus always visible.
import type {
  ErrorResponse,
  PersonRef,
  ShelterActionResponse,
  ShelterStatusResponse,
  ShelterTapResponse,
} from '@myna-tv/stb-bridge/contracts';

type CheckResult = ShelterTapResponse['check']['result'];

interface Member {
  person: PersonRef;
  label: string;
  check: CheckResult | null;
  out: boolean;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const verdicts: Record<CheckResult, { text: string; warn: boolean }> = {
  valid: { text: '受付しました（有効なカード）', warn: false },
  revoked: {
    text: '注意：このカードは失効しています。受付は記録しました。本人確認をしてください。',
    warn: true,
  },
  expired: {
    text: '注意：このカードは有効期限が切れています。受付は記録しました。本人確認をしてください。',
    warn: true,
  },
  untrusted: {
    text: '注意：発行元を確認できないカードです。受付は記録しました。本人確認をしてください。',
    warn: true,
  },
};
const tagText: Record<CheckResult, string> = {
  valid: '有効',
  revoked: '失効',
  expired: '期限切れ',
  untrusted: '発行元不明',
};
const ageText: Record<string, string> = {
  infant: '乳幼児',
  child: '子ども',
  adult: '大人',
  elderly: '高齢者',
};

class ApiError extends Error {
  constructor(readonly body: ErrorResponse['error']) {
    super(body.message);
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = (await response.json()) as T | ErrorResponse;
  if (!response.ok) throw new ApiError((json as ErrorResponse).error);
  return json as T;
}

/** What staff are told when nothing was recorded. */
function failureText(error: unknown): string {
  if (!(error instanceof ApiError)) return '端末と通信できません。記録していません。';
  const { code, triesLeft } = error.body;
  switch (code) {
    case 'card.removed':
      return 'カードが途中で離れました。記録していません。もう一度タッチしてください。';
    case 'card.absent':
    case 'card.no-reader':
      return 'カードが読み取り機にありません。カードを置いてから押してください。';
    case 'card.not-jpki':
    case 'shelter.card-unreadable':
      return 'マイナンバーカードとして読めません。記録していません。カードのない人として追加できます。';
    case 'card.pin-wrong':
      return `暗証番号が違います（残り${triesLeft ?? '?'}回）。記録していません。`;
    case 'card.pin-blocked':
      return '暗証番号がロックされています。暗証番号なしで受付してください。記録していません。';
    case 'card.pin-format':
      return '暗証番号は数字4桁です。記録していません。';
    case 'request.invalid':
      return '入力を確認してください。記録していません。';
    default:
      return `記録できませんでした（${code}）。係の責任者に連絡してください。`;
  }
}

const state = {
  groupId: crypto.randomUUID(),
  members: [] as Member[],
  /** The member a note or move form is about. */
  target: null as Member | null,
  busy: false,
};

function showResult(kind: 'valid' | 'warning' | 'busy', lines: string[], acknowledge = false): void {
  const box = $('result');
  box.hidden = false;
  box.className = `result ${kind}`;
  box.replaceChildren(
    ...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })),
  );
  if (acknowledge) {
    const ok = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'big',
      textContent: '確認しました',
    });
    ok.addEventListener('click', () => {
      box.hidden = true;
      $('tap').focus();
    });
    box.append(ok);
    ok.focus();
  }
}

function renderMembers(): void {
  $('member-count').textContent = String(state.members.filter((m) => !m.out).length);
  $('members').replaceChildren(
    ...state.members.map((member) => {
      const li = document.createElement('li');
      const who = Object.assign(document.createElement('span'), {
        className: 'who',
        textContent: member.label,
      });
      li.append(who);
      if (member.check) {
        const warn = member.check !== 'valid';
        li.append(
          Object.assign(document.createElement('span'), {
            className: `tag${warn ? ' warn' : ''}`,
            textContent: tagText[member.check],
          }),
        );
      }
      if (member.out) {
        li.append(
          Object.assign(document.createElement('span'), { className: 'tag out', textContent: '退所済み' }),
        );
        return li;
      }
      const tools = Object.assign(document.createElement('span'), { className: 'tools' });
      tools.dataset.arrows = '';
      const tool = (text: string, run: () => void) => {
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          className: 'small',
          textContent: text,
        });
        button.setAttribute('aria-label', `${member.label}：${text}`);
        button.addEventListener('click', run);
        tools.append(button);
      };
      tool('メモ', () => openForm('note', member));
      tool('移動', () => openForm('move', member));
      tool('退所', () => void checkOut(member));
      li.append(tools);
      return li;
    }),
  );
}

async function busy<T>(run: () => Promise<T>): Promise<T | undefined> {
  if (state.busy) return undefined;
  state.busy = true;
  const focused = document.activeElement;
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  try {
    return await run();
  } finally {
    state.busy = false;
    for (const b of document.querySelectorAll('button')) b.disabled = false;
    // Disabling dropped the focus: give it back, so the keyboard user carries on where they were.
    if (document.activeElement === document.body && focused instanceof HTMLElement && focused.isConnected) {
      focused.focus();
    }
    void refreshStatus();
  }
}

async function tap(): Promise<void> {
  const pinMode = $<HTMLInputElement>('pin-mode').checked;
  const pinInput = $<HTMLInputElement>('pin');
  const pin = pinInput.value;
  if (pinMode && !/^[0-9]{4}$/.test(pin)) {
    showResult('warning', ['暗証番号（数字4桁）を本人に入力してもらってください。']);
    pinInput.focus();
    return;
  }
  showResult('busy', ['カードを読んでいます。カードを動かさないでください…']);
  await busy(async () => {
    try {
      const answer = await call<ShelterTapResponse>('/shelter/tap', {
        groupId: state.groupId,
        ...(pinMode ? { pin } : {}),
      });
      const person = answer.event.type === 'check-in' ? (answer.event.person as PersonRef) : null;
      if (person === null) return;
      const n = state.members.filter((m) => m.person.kind === 'card').length + 1;
      state.members.push({ person, label: `カード ${n}人目`, check: answer.check.result, out: false });
      renderMembers();
      const verdict = verdicts[answer.check.result];
      const lines = [verdict.text];
      if (pinMode) lines.push('暗証番号で本人確認しました。');
      showResult(verdict.warn ? 'warning' : 'valid', lines, verdict.warn);
    } catch (error) {
      showResult('warning', [failureText(error)], true);
    } finally {
      pinInput.value = '';
    }
  });
}

async function addManual(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const name = $<HTMLInputElement>('manual-name').value.trim();
  const age = document.querySelector<HTMLInputElement>('input[name="age"]:checked')?.value ?? 'adult';
  const needsAssistance = $<HTMLInputElement>('manual-needs').checked;
  await busy(async () => {
    try {
      const answer = await call<ShelterActionResponse>('/shelter/manual-person', {
        name,
        ageGroup: age,
        needsAssistance,
        groupId: state.groupId,
      });
      state.members.push({
        person: answer.person,
        label: `${name}（手入力・${ageText[age] ?? age}${needsAssistance ? '・要支援' : ''}）`,
        check: null,
        out: false,
      });
      renderMembers();
      closeForms();
      showResult('valid', [`${name} さんを受付しました（カードなし・手入力）。`]);
    } catch (error) {
      showResult('warning', [failureText(error)], true);
    }
  });
}

async function checkOut(member: Member | null): Promise<void> {
  await busy(async () => {
    try {
      const answer = await call<ShelterActionResponse>('/shelter/check-out', {
        person: member?.person ?? 'reader',
      });
      if (member) member.out = true;
      renderMembers();
      const check = answer.check;
      const lines = [member ? `${member.label}：退所を記録しました。` : '退所を記録しました。'];
      if (check && check.result !== 'valid') lines.push(verdicts[check.result].text.split('。')[0] ?? '');
      showResult(
        check && check.result !== 'valid' ? 'warning' : 'valid',
        lines,
        check?.result !== 'valid' && check !== null,
      );
    } catch (error) {
      showResult('warning', [failureText(error)], true);
    }
  });
}

async function saveNote(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const member = state.target;
  if (!member) return;
  if (!$<HTMLInputElement>('note-consent').checked) {
    showResult('warning', ['同意が得られていないメモは記録できません。']);
    return;
  }
  const topic = document.querySelector<HTMLInputElement>('input[name="topic"]:checked')?.value ?? 'other';
  const text = $<HTMLTextAreaElement>('note-text').value.trim();
  await busy(async () => {
    try {
      await call<ShelterActionResponse>('/shelter/note', {
        person: member.person,
        topic,
        text,
        consent: true,
      });
      closeForms();
      showResult('valid', [`${member.label}：メモを記録しました（同意あり）。`]);
    } catch (error) {
      showResult('warning', [failureText(error)], true);
    }
  });
}

async function saveMove(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const member = state.target;
  if (!member) return;
  const toShelterId = $<HTMLInputElement>('move-to').value.trim().toUpperCase();
  await busy(async () => {
    try {
      await call<ShelterActionResponse>('/shelter/move', { person: member.person, toShelterId });
      member.out = true;
      renderMembers();
      closeForms();
      showResult('valid', [`${member.label}：${toShelterId} への移動を記録しました。`]);
    } catch (error) {
      showResult('warning', [failureText(error)], true);
    }
  });
}

function closeForms(): void {
  for (const id of ['manual', 'note', 'move']) {
    const form = $<HTMLFormElement>(id);
    form.hidden = true;
    form.reset();
  }
}

function openForm(id: 'manual' | 'note' | 'move', member: Member | null = null): void {
  closeForms();
  state.target = member;
  if (member)
    $(`${id}-title`).textContent = `${id === 'note' ? 'メモ' : 'ほかの避難所へ移動'}：${member.label}`;
  $(id).hidden = false;
  const first = $(id).querySelector<HTMLElement>('input[type="text"], textarea, input');
  first?.focus();
}

function nextHousehold(): void {
  state.groupId = crypto.randomUUID();
  state.members = [];
  renderMembers();
  closeForms();
  showResult('valid', ['次の世帯の受付を始めます。']);
  $('tap').focus();
}

function formatAge(seconds: number): string {
  if (seconds < 3600) return `${Math.floor(seconds / 60)}分前`;
  if (seconds < 86400 * 2) return `${Math.floor(seconds / 3600)}時間前`;
  return `${Math.floor(seconds / 86400)}日前`;
}

async function refreshStatus(): Promise<void> {
  const link = $('link');
  try {
    const status = await call<ShelterStatusResponse>('/shelter/status');
    link.textContent =
      status.refused !== null
        ? '送信拒否（責任者に連絡）'
        : status.online === true
          ? 'オンライン'
          : status.online === false
            ? 'オフライン（記録は端末に保存）'
            : '接続確認中';
    link.className = `pill ${status.online === true && status.refused === null ? 'online' : 'offline'}`;
    const waiting = $('waiting');
    waiting.textContent = `送信待ち ${status.waiting}件`;
    waiting.dataset.waiting = String(status.waiting);
    const crl = $('crl');
    crl.textContent =
      status.crl === null
        ? '失効リストなし（カードの失効を確認できません）'
        : `失効リスト ${formatAge(status.crl.ageSeconds)}`;
    crl.className = `pill ${status.crl === null || status.crl.ageSeconds > 86400 ? 'stale' : ''}`;
  } catch {
    link.textContent = '端末と通信できません';
    link.className = 'pill offline';
  }
}

/** Arrow keys move between the focusable controls of a row marked `data-arrows` (not inside text fields). */
function arrowNavigation(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
  if (target instanceof HTMLTextAreaElement) return;
  if (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') return;
  if (target instanceof HTMLInputElement && target.type === 'radio') return; // the browser moves radios itself
  const row = target.closest<HTMLElement>('[data-arrows]');
  if (!row) return;
  const items = [...row.querySelectorAll<HTMLElement>('button, input')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
  );
  const at = items.indexOf(target);
  if (at < 0) return;
  const step = event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 1;
  items[(at + step + items.length) % items.length]?.focus();
  event.preventDefault();
}

function init(): void {
  $('tap').addEventListener('click', () => void tap());
  $('manual-open').addEventListener('click', () => openForm('manual'));
  $('next-household').addEventListener('click', nextHousehold);
  $('checkout-card').addEventListener('click', () => void checkOut(null));
  $('pin-mode').addEventListener('change', () => {
    const on = $<HTMLInputElement>('pin-mode').checked;
    $('pin-row').hidden = !on;
    if (on) $('pin').focus();
  });
  $('pin').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') void tap();
  });
  $('manual').addEventListener('submit', (event) => void addManual(event));
  $('note').addEventListener('submit', (event) => void saveNote(event));
  $('move').addEventListener('submit', (event) => void saveMove(event));
  for (const id of ['manual', 'note', 'move']) {
    $(`${id}-cancel`).addEventListener('click', () => {
      closeForms();
      $('tap').focus();
    });
  }
  document.addEventListener('keydown', arrowNavigation);
  renderMembers();
  void refreshStatus();
  setInterval(() => void refreshStatus(), 2000);
  $('tap').focus();
}

init();
