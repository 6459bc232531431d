// The municipality's list of quiet households on the ops dashboard, in headless Chromium against a real backend
// (startBackend, the dashboard built and served, the demo town's staff accounts): a household that agreed and
// has been quiet for its period is listed under 見守り with its address, members and the contacts to call; once
// the box reports a key press it leaves the open list and shows as resolved with the resolved ones.
import {
  createFieldCipher,
  enrolDevice,
  loadFieldKeys,
  putConsent,
  runQuietRound,
  seedDemo,
} from '@myna-tv/backend';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chromium, launchChromium } from '../browser/support/chromium.ts';
import { logInToOps, type OpsBackend, startOpsBackend } from '../browser/support/ops-backend.ts';

const hourMs = 3_600_000;
const address = '徳島県海部郡美波町奥河内字寺前９９番地';

let ops: OpsBackend;
let browser: Chromium;
let page: Page;
let box: Awaited<ReturnType<typeof enrolDevice>>;

beforeAll(async () => {
  ops = await startOpsBackend('ops-watch-over');
  const { backend, config } = ops;
  const cipher = createFieldCipher(await loadFieldKeys(config));
  await seedDemo(backend.db, {
    cipher,
    now: new Date(),
    householdCount: 3,
    boxes: { has: async () => false, keep: async () => {} },
  });
  const agreedAt = new Date(Date.now() - 30 * hourMs);
  box = await enrolDevice(backend.db, {
    cipher,
    household: {
      address,
      latitude: 33.7347,
      longitude: 134.5353,
      localGovernmentCode: '363871',
      machiazaId: '0001001',
      members: [{ name: 'みなみ はる', birthYear: 1940, needsAssistance: false }],
    },
    label: 'watch-over ops test',
    actor: { id: 'ops-watch-over-test', role: 'system', requestId: null },
    now: agreedAt,
  });
  await putConsent(backend.db, cipher, {
    householdId: box.householdId,
    input: {
      agreedBy: 'みなみ はる',
      contacts: [{ name: 'みなみ なつ', phone: '090-1111-2222', relation: '長女' }],
    },
    actor: {
      id: 'staff',
      municipality: '363871',
      audit: { id: 'staff', role: 'municipality-staff', requestId: null },
    },
    defaultQuietHours: 24,
    now: agreedAt,
  });
  expect((await runQuietRound(backend.db, cipher, { now: new Date() })).raised).toBe(1);
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ops?.close();
});

describe('ops dashboard: 見守り', { timeout: 90_000 }, () => {
  it("lists the quiet household for the town's staff with the contact to call, until the box is used", async () => {
    await page.goto(`${ops.backend.url}/ops/`);
    await logInToOps(page, 'demo-town');
    await page.getByRole('link', { name: '見守り' }).click();
    const row = page.locator(`tr[data-household="${box.householdId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(address);
    expect(await row.textContent()).toContain('みなみ なつ（長女） 090-1111-2222');
    expect(await row.textContent()).toContain('応答なし');

    const hour = new Date(Math.floor(Date.now() / hourMs) * hourMs).toISOString();
    const report = await fetch(`${ops.backend.url}/api/v1/watch-over/activity`, {
      method: 'POST',
      headers: { authorization: `Device ${box.deviceId}.${box.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: box.deviceId, hours: [{ hour, presses: 1 }] }),
    });
    expect(report.status).toBe(200);
    await page.getByRole('button', { name: '最新の状態に更新' }).click();
    await page.getByText('応答のない見守り世帯はありません。').waitFor();
    await page.getByLabel('操作が戻った世帯も表示').check();
    await row.waitFor();
    expect(await row.textContent()).toContain('操作あり');
  });
});
