// The login page: login name and password, errors said in words, the field to fix focused.
import { el } from './dom.ts';
import { OperatorApiError } from './operator-api.ts';

// By the backend's error codes (backend/src/accounts/auth-error.ts, http/request-error.ts).
const messages: Record<string, string> = {
  'auth.invalid-credentials': 'ログイン名またはパスワードが違います。',
  'auth.rate-limited': 'ログインの試行が多すぎます。しばらく待ってから、もう一度お試しください。',
  'request.invalid': 'ログイン名またはパスワードが違います。',
  network: 'サーバーに接続できません。ネットワークを確認してください。',
};

export function loginErrorText(error: unknown): string {
  const text = error instanceof OperatorApiError ? messages[error.code] : undefined;
  return text ?? 'ログインできませんでした。時間をおいて、もう一度お試しください。';
}

export function loginView(options: {
  notice?: string;
  onSubmit: (loginName: string, password: string) => Promise<void>;
}): HTMLElement {
  const name = el('input', { id: 'login-name', name: 'loginName', autocomplete: 'username', required: '' });
  const password = el('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: '',
  });
  const status = el('p', { class: 'status', role: 'alert' }, options.notice);
  const button = el('button', { type: 'submit' }, 'ログイン');
  const form = el(
    'form',
    { class: 'login', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title' }, 'マイナTV 運用ダッシュボード'),
    el('p', {}, 'CATV局・自治体・避難所の職員用です。'),
    el('label', { for: 'login-name' }, 'ログイン名'),
    name,
    el('label', { for: 'password' }, 'パスワード'),
    password,
    button,
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = 'ログインしています…';
    options
      .onSubmit(name.value.trim(), password.value)
      .catch((error: unknown) => {
        status.textContent = loginErrorText(error);
        password.value = '';
        password.focus();
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  queueMicrotask(() => name.focus());
  return form;
}
