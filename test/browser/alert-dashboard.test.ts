// The dashboard's alert pages in Chromium against a real backend (startBackend on a free port, PGlite in a
// temp folder, the dashboard built by esbuild, the demo town seeded): municipality staff send an exercise
// alert from the form, find it in the list and open its map with its counts. A viewer's answer changing the
// counts on screen is driven from the TV app, end to end, in tv-alert.test.ts. Screenshot in
// test/artifacts/alert-dashboard/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createFieldCipher, type DemoBoxKeeper, loadFieldKeys, seedDemo } from '@myna-tv/backend';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chromium, launchChromium } from './support/chromium.ts';
import { logInToOps, type OpsBackend, startOpsBackend } from './support/ops-backend.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'alert-dashboard');
const headline = '【訓練】美波町 洪水 避難指示（ダッシュボード試験）';

describe('alert dashboard', () => {
  let ops: OpsBackend;
  let browser: Chromium;
  let page: Page;
  let alertId: string;

  beforeAll(async () => {
    await mkdir(artifactDir, { recursive: true });
    ops = await startOpsBackend('alert-dashboard');
    const { backend, config } = ops;
    const keeper: DemoBoxKeeper = { has: async () => false, keep: async () => {} };
    await seedDemo(backend.db, {
      cipher: createFieldCipher(await loadFieldKeys(config)),
      now: new Date(),
      householdCount: 30,
      boxes: keeper,
    });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await ops?.close();
  });

  /** Pixels of the map's canvas in the colour of a household state (alert-labels.ts): the points drawn. */
  const mapPixels = (rgb: [number, number, number]) =>
    page.evaluate<number>(`(() => {
      const canvas = document.querySelector('.alert-map canvas');
      if (!canvas) return 0;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i] - ${rgb[0]}) + Math.abs(data[i + 1] - ${rgb[1]}) + Math.abs(data[i + 2] - ${rgb[2]}) < 12) n++;
      return n;
    })()`);
  const notReached: [number, number, number] = [0x8c, 0x8c, 0x8c];
  const needHelp: [number, number, number] = [0xd7, 0x19, 0x1c];

  /** The number a count shows on the alert's page. */
  const shownCount = async (key: string) =>
    Number(await page.locator(`.counts [data-count="${key}"] dd`).textContent());

  it('sends an exercise alert from the form and lists it with its 訓練 mark', async () => {
    await page.goto(`${ops.backend.url}/ops/`);
    await logInToOps(page, 'demo-town');
    await page.getByRole('link', { name: '避難情報' }).click();
    await page.getByRole('link', { name: '訓練・試験の避難情報を作成' }).click();
    await page.getByLabel('見出し').fill(headline);
    await page.getByLabel('とるべき行動（任意）').fill('訓練です。近くの避難所へ移動してください。');
    // The municipality is filled in from the account: 美波町.
    expect(await page.getByLabel('地方公共団体コード（6桁）').inputValue()).toBe('363871');
    await page.getByRole('button', { name: '送信する' }).click();
    await page.waitForURL(/#\/alerts\/[0-9a-f-]{36}$/);
    alertId = page.url().split('/').pop() ?? '';

    await page.getByRole('link', { name: '← 一覧に戻る' }).click();
    const row = page.locator(`tr[data-alert="${alertId}"]`);
    await row.waitFor();
    expect(await row.locator('.drill-badge').textContent()).toBe('訓練');
    expect(await row.locator('.level-badge').textContent()).toBe('警戒レベル4');
    expect(await row.getByRole('link').textContent()).toBe(headline);
  });

  it('opens the map: the area, the households and the shelters, with the counts per area by name', async () => {
    await page.locator(`tr[data-alert="${alertId}"]`).getByRole('link').click();
    await page.getByRole('heading', { name: headline }).waitFor();
    await expect.poll(() => shownCount('targeted'), { timeout: 15_000 }).toBeGreaterThan(0);
    // Shelters are markers with their assigned households; households are drawn on the map's canvas.
    await page.locator('.shelter-marker').first().waitFor();
    await expect.poll(() => mapPixels(notReached), { timeout: 10_000 }).toBeGreaterThan(100);
    expect(await mapPixels(needHelp)).toBe(0);
    expect(await page.getByRole('table').filter({ hasText: '避難所別' }).count()).toBe(1);
    // Areas by name (the demo town's 大字), not by code.
    const areas = page.getByRole('table').filter({ hasText: '地域別' });
    expect(await areas.getByRole('rowheader').allTextContents()).toEqual(
      expect.arrayContaining(['美波町（全体）', '奥河内', '日和佐浦']),
    );
    await page.screenshot({ path: join(artifactDir, 'alert-map.png'), fullPage: true });
  });

  it('composes a test for 町字 picked by name, and names them as its area', async () => {
    await page.getByRole('link', { name: '← 一覧に戻る' }).click();
    await page.getByRole('link', { name: '訓練・試験の避難情報を作成' }).click();
    await page.getByLabel('試験（保存のみ・表示しない）').check();
    await page.getByLabel('見出し').fill('【試験】町字の指定');
    await page.getByLabel('町字を指定').check();
    await page.getByRole('group', { name: '美波町の町字を選ぶ' }).getByLabel('奥河内').check();
    await page.getByLabel('日和佐浦').check();
    await page.getByRole('button', { name: '送信する' }).click();
    await page.waitForURL((url) => /#\/alerts\/[0-9a-f-]{36}$/.test(url.hash) && !url.hash.endsWith(alertId));
    await page.getByText('対象地域：奥河内、日和佐浦').waitFor();
  });
});
