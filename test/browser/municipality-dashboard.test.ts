// The municipality's side of the ops dashboard in headless Chromium against a real backend (startBackend, the
// dashboard built and served, the demo town seeded, 佐藤 結衣 registered with her virtual card as `npm start`
// does): 美波町's staff review a parent's 母子健康 利用申込み (signed on the card) and approve it with the town's
// own identifier of the child, after a mistyped one is refused with the API's message; then they find the
// family's household, record its watch-over consent from the paper form and withdraw it. The backend's state
// is checked at each step.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBlindIndex,
  createFieldCipher,
  demoOperatorPassword,
  loadDevPki,
  loadFieldKeys,
  seedDemo,
} from '@myna-tv/backend';
import { readDeviceCredential } from '@myna-tv/stb-bridge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, childIdSystem, patient } from '../../backend/src/health/health-test-support.ts';
import { boxDir, boxKeeper, registerDemoHolders } from '../../scripts/start/demo-boxes.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';
import { minami, signAndApply } from './support/health-rig.ts';
import { logInToOps, type OpsBackend, startOpsBackend } from './support/ops-backend.ts';

const childId = 'minami-child-0042';
/** For a look by eye after a run. */
const screenshot = (name: string) => join(tmpdir(), `myna-tv-municipality-${name}.png`);
const childBirthDate = '2021-05-05';

let ops: OpsBackend;
let browser: Chromium;
let page: Page;
let staff: { authorization: string };
let applicationId: string;

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${ops.backend.url}/api/v1${path}`, {
    method,
    headers: { ...staff, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  ops = await startOpsBackend('municipality-dashboard');
  const { backend, config } = ops;
  const keys = await loadFieldKeys(config);
  await seedDemo(backend.db, {
    cipher: createFieldCipher(keys),
    blindIndex: createBlindIndex(keys, 'resident-basic-info'),
    now: new Date(),
    householdCount: 3,
    boxes: boxKeeper(config.dataDir),
  });
  const holder = (await loadDevPki(config.jpkiPkiDir)).holders.find((h) => h.id === 'sato-yui');
  if (holder === undefined) throw new Error('the development PKI has no sato-yui');
  await registerDemoHolders({
    dataDir: config.dataDir,
    pkiDir: config.jpkiPkiDir,
    backendUrl: backend.url,
    holders: [holder],
  });

  // The town's health system sends the child's record; the mother applies from her TV.
  const login = await fetch(`${backend.url}/api/v1/operator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginName: 'demo-town', password: demoOperatorPassword }),
  });
  staff = { authorization: `Bearer ${((await login.json()) as { sessionToken: string }).sessionToken}` };
  const sent = await api(
    'POST',
    '/health/bundles',
    bundle(patient(childId, { municipality: minami, birthDate: childBirthDate, name: '佐藤 陽菜' })),
  );
  expect(sent.status, await sent.clone().text()).toBe(201);
  const box = boxDir(config.dataDir, holder.id);
  ({ applicationId } = await signAndApply({
    backendUrl: backend.url,
    pkiDir: config.jpkiPkiDir,
    holder,
    cardStateDir: join(box, 'cards'),
    device: await readDeviceCredential(box),
    children: [{ name: '佐藤 陽菜', birthDate: childBirthDate }],
  }));

  browser = await launchChromium();
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await ops?.close();
});

describe("ops dashboard: the municipality's 利用申込み and 見守り", { timeout: 120_000 }, () => {
  it("approves the mother's application with the town's identifier of the child", async () => {
    await page.goto(`${ops.backend.url}/ops/`);
    await logInToOps(page, 'demo-town');
    await page.getByRole('link', { name: '母子健康の利用申込み' }).click();
    const row = page.locator(`tr[data-application="${applicationId}"]`);
    await row.waitFor();
    const listed = await row.textContent();
    expect(listed).toContain('審査待ち');
    expect(listed).toContain('佐藤 陽菜（2021年5月5日生）');
    expect(listed).toMatch(/佐藤\s*結衣/);

    // Opened from the keyboard: the receipt number is the link.
    await row.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^受付番号 .* の利用申込み$/ }).waitFor();
    await page.getByLabel('識別子の体系（system）').fill(childIdSystem);
    const identifier = page.getByLabel('佐藤 陽菜（2021年5月5日生）の識別子');
    await identifier.fill('minami-child-9999');
    await page.getByRole('button', { name: '承認する' }).click();
    await page
      .getByText(
        '承認できませんでした（health.unknown-child: a named child has no record in this municipality）。',
      )
      .waitFor();
    await identifier.fill(childId);
    await identifier.press('Enter');
    await page.getByText('承認しました。').waitFor();
    await page.screenshot({ path: screenshot('application'), fullPage: true });
    expect(await page.locator('.facts').textContent()).toContain('承認済み');

    const [application] = await ops.backend.db.query<{ state: string }>(
      'SELECT state FROM health_link_applications WHERE id = $1',
      [applicationId],
    );
    expect(application?.state).toBe('approved');
    const links = await ops.backend.db.query<{ identifier_value: string }>(
      `SELECT c.identifier_value FROM health_parent_links l JOIN health_children c ON c.id = l.child_id
        WHERE l.application_id = $1`,
      [applicationId],
    );
    expect(links.map((l) => l.identifier_value)).toEqual([childId]);
    const reads = await ops.backend.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'health.applications-read'",
    );
    expect(reads.length).toBeGreaterThan(0);
  });

  it("records the family's watch-over consent from the paper form", async () => {
    await page.getByRole('link', { name: '見守り' }).click();
    await page.getByLabel('住所または世帯員の氏名').fill('佐藤 健太');
    await page.getByRole('button', { name: '世帯を探す' }).click();
    const row = page.locator('tr[data-household]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('同意なし');
    const householdId = (await row.getAttribute('data-household')) as string;
    await row.getByRole('button').click();
    await page.getByText('見守りの同意は記録されていません。').waitFor();

    await page.getByLabel('同意した人（同意書の署名者）').fill('佐藤 結衣');
    await page.getByLabel('氏名', { exact: true }).fill('佐藤 健太');
    await page.getByLabel('続柄（任意）').fill('夫');
    await page.getByLabel('電話番号', { exact: true }).fill('090-2222-3333');
    expect(await page.getByLabel('通知までの時間（時間）').inputValue()).toBe('24');
    await page.getByLabel('時刻1').fill('09:00');
    await page.getByRole('button', { name: '同意を記録する' }).click();
    await page.getByText('同意を記録しました。').waitFor();
    await page.screenshot({ path: screenshot('consent'), fullPage: true });
    expect(await page.locator('.facts.consent').textContent()).toContain('佐藤 健太（夫） 090-2222-3333');
    expect(await row.textContent()).toContain('見守り中');

    const consent = await api('GET', `/households/${householdId}/watch-over`);
    expect(consent.status).toBe(200);
    expect(await consent.json()).toMatchObject({
      householdId,
      agreedBy: '佐藤 結衣',
      quietHours: 24,
      askTimes: ['09:00'],
      contacts: [{ name: '佐藤 健太', relation: '夫', phone: '090-2222-3333' }],
      withdrawnAt: null,
    });
  });

  it('withdraws the consent after asking once', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '同意を取り下げる' }).click();
    await page.getByText('同意を取り下げました。').waitFor();
    expect(await page.locator('tr[data-household]').textContent()).toContain('取り下げ済み');
    const householdId = (await page.locator('tr[data-household]').getAttribute('data-household')) as string;
    const consent = (await (await api('GET', `/households/${householdId}/watch-over`)).json()) as {
      withdrawnAt: string | null;
    };
    expect(consent.withdrawnAt).not.toBeNull();
  });
});
