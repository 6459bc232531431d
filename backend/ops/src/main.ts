// The operations dashboard in the browser: a stored session is checked with the backend, else the login page;
// the shell follows the location hash. The session token lives in sessionStorage: gone with the tab.
import { show } from './dom.ts';
import { loginView } from './login-view.ts';
import { currentAccount, login, logout, type OperatorAccountView, OperatorApiError } from './operator-api.ts';
import { shellView } from './shell-view.ts';

const tokenKey = 'myna-tv-ops-session';
const app = document.getElementById('app') as HTMLElement;
let onHashChange: (() => void) | undefined;

function showLogin(notice?: string): void {
  if (onHashChange) window.removeEventListener('hashchange', onHashChange);
  document.title = 'ログイン | マイナTV 運用ダッシュボード';
  show(
    app,
    loginView({
      ...(notice ? { notice } : {}),
      onSubmit: async (loginName, password) => {
        const result = await login(loginName, password);
        sessionStorage.setItem(tokenKey, result.sessionToken);
        showShell(result.account, result.sessionToken);
      },
    }),
  );
}

function showShell(account: OperatorAccountView, token: string): void {
  document.title = 'マイナTV 運用ダッシュボード';
  const shell = shellView(account, {
    token,
    onLogout: () => {
      sessionStorage.removeItem(tokenKey);
      // The session ends on the server too; if that call fails, its idle timeout ends it.
      void logout(token).catch(() => undefined);
      window.location.hash = '';
      showLogin('ログアウトしました。');
    },
  });
  show(app, shell.root);
  onHashChange = () => shell.route(window.location.hash);
  window.addEventListener('hashchange', onHashChange);
  shell.route(window.location.hash);
}

async function start(): Promise<void> {
  const token = sessionStorage.getItem(tokenKey);
  if (token === null) return showLogin();
  try {
    showShell(await currentAccount(token), token);
  } catch (error) {
    sessionStorage.removeItem(tokenKey);
    const expired = error instanceof OperatorApiError && error.status === 401;
    showLogin(expired ? 'もう一度ログインしてください。' : undefined);
  }
}

void start();
