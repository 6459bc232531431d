// The operations dashboard shell in Chromium against a real backend (startBackend on a free port, PGlite in a
// temp folder, the dashboard built by esbuild and served at /ops/, the demo accounts seeded): log in, see the
// role and the sections the role may open, log out.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFieldCipher, type DemoBoxKeeper, loadFieldKeys, seedDemo } from '@myna-tv/backend';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInToOps, type OpsBackend, startOpsBackend } from './support/ops-backend.ts';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const opsScreenshot = join(tmpdir(), 'myna-tv-ops-dashboard.png');

describe('ops dashboard', () => {
  let ops: OpsBackend;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ops = await startOpsBackend('ops-browser');
    const { backend, config } = ops;
    const kept = new Set<string>();
    const boxes: DemoBoxKeeper = { has: async (id) => kept.has(id), keep: async (id) => void kept.add(id) };
    await seedDemo(backend.db, {
      cipher: createFieldCipher(await loadFieldKeys(config)),
      now: new Date(),
      householdCount: 3,
      boxes,
    });
    browser = await chromium.launchPersistentContext(join(ops.dir, 'chromium-profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 800 },
      locale: 'ja-JP',
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await ops?.close();
  });

  it('shows the login page and says when the password is wrong', async () => {
    await page.goto(`${ops.backend.url}/ops/`);
    await expect(
      page.getByRole('heading', { name: 'マイナTV 運用ダッシュボード' }).isVisible(),
    ).resolves.toBe(true);
    await logInToOps(page, 'demo-admin', 'not the password');
    await page.getByText('ログイン名またはパスワードが違います。').waitFor();
    expect(await page.getByLabel('パスワード').inputValue()).toBe('');
  });

  it('logs the admin in: role, every section, a section opened from the menu', async () => {
    await logInToOps(page, 'demo-admin');
    await page.getByRole('heading', { name: 'ホーム' }).waitFor();
    expect(await page.locator('.role').textContent()).toBe('運用管理者');
    expect(await page.locator('.who .name').textContent()).toBe('デモ 運用管理者（CATV局）');
    const menu = page.getByRole('navigation', { name: 'メニュー' }).getByRole('link');
    expect(await menu.allTextContents()).toEqual([
      'ホーム',
      '機器（STB）',
      '世帯',
      '避難情報',
      '避難所',
      '見守り',
      '現況届の配信',
      '監査ログ',
    ]);
    await page.getByRole('link', { name: '監査ログ' }).click();
    await page.getByRole('heading', { name: '監査ログ' }).waitFor();
    expect(await page.getByRole('link', { name: '監査ログ' }).getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: opsScreenshot, fullPage: true });
  });

  it('lists the outbox to insurers for the admin (empty on a fresh demo: no report sent yet)', async () => {
    await page.getByRole('link', { name: '現況届の配信' }).click();
    await page.getByRole('heading', { name: '現況届の配信' }).waitFor();
    await page.getByText('配信する届出はまだありません。').waitFor();
  });

  it('logs out: the session ends on the server and the login page says so', async () => {
    // A string expression: this test is type-checked without the DOM library.
    const storedToken = "sessionStorage.getItem('myna-tv-ops-session')";
    const token = await page.evaluate<string | null>(storedToken);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByText('ログアウトしました。').waitFor();
    expect(await page.evaluate<string | null>(storedToken)).toBeNull();
    await expect
      .poll(async () => {
        const me = await fetch(`${ops.backend.url}/api/v1/operator/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return me.status;
      })
      .toBe(401);
  });

  it('shows shelter staff only the shelters, and keeps them out of other sections by URL', async () => {
    await logInToOps(page, 'demo-shelter');
    await page.getByRole('heading', { name: 'ホーム' }).waitFor();
    expect(await page.locator('.role').textContent()).toBe('避難所スタッフ');
    const menu = page.getByRole('navigation', { name: 'メニュー' }).getByRole('link');
    expect(await menu.allTextContents()).toEqual(['ホーム', '避難所']);
    await page.goto(`${ops.backend.url}/ops/#/audit`);
    await page.getByRole('heading', { name: 'ホーム' }).waitFor();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByText('ログアウトしました。').waitFor();
  });
});
