// The dashboard's 避難所 section in Chromium against a real backend (startBackend on a free port, PGlite in a
// temp folder, the dashboard built by esbuild, the demo town seeded): municipality staff see a shelter with an
// enrolled terminal at 0 people; a terminal's batch of check-ins through POST /shelter-terminals/me/events
// shows as the new occupancy, arrivals and supplies without reloading. Screenshot in
// test/artifacts/shelter-dashboard/.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFieldCipher, type DemoBoxKeeper, loadConfig, loadFieldKeys, seedDemo } from '@myna-tv/backend';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpsDashboard } from '../../backend/ops/build-ops.ts';
import { enrolTerminal } from '../../backend/src/checkins/index.ts';
import { type Backend, startBackend } from '../../backend/src/server/index.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'shelter-dashboard');

describe('shelter dashboard', () => {
  let dir: string;
  let backend: Backend;
  let browser: Chromium;
  let page: Page;
  let shelterId: string;
  let terminal: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-shelter-dashboard-'));
    await mkdir(artifactDir, { recursive: true });
    const config = loadConfig({
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      OPS_APP_DIR: await buildOpsDashboard({ outDir: join(dir, 'ops') }),
    });
    backend = await startBackend({ config });
    const keeper: DemoBoxKeeper = { has: async () => false, keep: async () => undefined };
    await seedDemo(backend.db, {
      cipher: createFieldCipher(await loadFieldKeys(config)),
      now: new Date(),
      householdCount: 5,
      boxes: keeper,
    });
    const [shelter] = await backend.db.query<{ id: string }>(
      `UPDATE shelters SET capacity = 40, capacity_text = '40人'
        WHERE id = (SELECT id FROM shelters WHERE kind = 'evacuation-shelter' ORDER BY id LIMIT 1) RETURNING id`,
    );
    shelterId = shelter?.id ?? '';
    const enrolled = await enrolTerminal(backend.db, {
      shelterId,
      label: '受付1',
      actor: { id: 'test', role: 'system', requestId: null },
      now: new Date(),
    });
    terminal = `Terminal ${enrolled.terminalId}.${enrolled.secret}`;
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const peopleShown = () => page.locator(`tr[data-shelter="${shelterId}"] td[data-people]`).textContent();

  it('shows the new occupancy after a terminal’s check-in batch', async () => {
    await page.goto(`${backend.url}/ops/`);
    await page.getByLabel('ログイン名').fill('demo-town');
    await page.getByLabel('パスワード').fill('minami-demo-2026');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: '避難所' }).click();
    await expect.poll(peopleShown, { timeout: 15_000 }).toBe('0');

    const group = randomUUID();
    const events = [1, 2, 3].map((n) => ({
      id: randomUUID(),
      seq: n,
      at: new Date().toISOString(),
      type: 'check-in',
      groupId: group,
      person: {
        kind: 'card',
        certificateFingerprint: n.toString(16).padStart(64, 'a'),
        certificateNotAfter: '2030-01-01T00:00:00.000Z',
        check: 'valid',
        crlAgeSeconds: 60,
        pinVerified: false,
      },
    }));
    const response = await fetch(`${backend.url}/api/v1/shelter-terminals/me/events`, {
      method: 'POST',
      headers: { authorization: terminal, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(200);

    // The next poll (every 5 s) shows them, without a reload.
    await expect.poll(peopleShown, { timeout: 15_000 }).toBe('3');
    const row = page.locator(`tr[data-shelter="${shelterId}"]`);
    await expect.poll(() => row.textContent()).toContain('開設');
    expect(await row.textContent()).toContain('8%'); // 3 of 40
    expect(await page.locator('.arrivals-chart').getAttribute('aria-label')).toContain('合計3人');
    expect(await page.locator('.shelter-section').textContent()).toContain('飲料水（L）');
    await page.screenshot({ path: join(artifactDir, 'shelters.png'), fullPage: true });
  }, 60_000);
});
