// The dashboard's 避難所 section in Chromium against a real backend (test/shelter/support/town-backend.ts:
// startBackend, the dashboard built by esbuild, the demo town seeded): municipality staff see a shelter with an
// enrolled terminal at 0 people; a terminal's batch of check-ins through POST /shelter-terminals/me/events
// shows as the new occupancy, arrivals and supplies without reloading; a hand-entered person is found among
// the town's residents by name and age group and matched. Screenshots in test/artifacts/shelter-dashboard/.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../backend/src/checkins/index.ts';
import { basicInfoField } from '../../backend/src/residents/resident-records.ts';
import type { Backend } from '../../backend/src/server/index.ts';
import { startTownBackend } from '../shelter/support/town-backend.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'shelter-dashboard');

describe('shelter dashboard', () => {
  let dir: string;
  let backend: Backend;
  let browser: Chromium;
  let page: Page;
  let shelterId: string;
  let terminal: string;
  let residentId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-shelter-dashboard-'));
    await mkdir(artifactDir, { recursive: true });
    const town = await startTownBackend(dir);
    ({ backend, shelterId } = town);
    const { cipher } = town;
    const enrolled = await enrolTerminal(backend.db, {
      shelterId,
      label: '受付1',
      actor: { id: 'test', role: 'system', requestId: null },
      now: new Date(),
    });
    terminal = `Terminal ${enrolled.terminalId}.${enrolled.secret}`;
    // A registered resident of the town (as a card registration leaves one), linked to a seeded household.
    residentId = randomUUID();
    const info = {
      name: '美波\u3000花子',
      dateOfBirth: { era: 'showa', date: '1948-05-01' },
      gender: 'female',
      address: '徳島県海部郡美波町奥河内',
    };
    await backend.db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, $3, 'test', '01', now(), now())`,
      [residentId, `index-${residentId}`, cipher.encrypt(JSON.stringify(info), basicInfoField(residentId))],
    );
    await backend.db.query(
      `INSERT INTO resident_households (resident_id, household_id, linked_at)
       SELECT $1, id, now() FROM households WHERE local_government_code = '363871' ORDER BY id LIMIT 1`,
      [residentId],
    );
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

  it('finds a hand-entered person among the residents by name and age group, and matches them', async () => {
    const personId = randomUUID();
    const at = new Date().toISOString();
    const events = [
      {
        id: randomUUID(),
        seq: 4,
        at,
        type: 'manual-person',
        personId,
        name: '美波 花子',
        ageGroup: 'elderly',
        needsAssistance: true,
      },
      { id: randomUUID(), seq: 5, at, type: 'check-in', groupId: null, person: { kind: 'manual', personId } },
    ];
    const response = await fetch(`${backend.url}/api/v1/shelter-terminals/me/events`, {
      method: 'POST',
      headers: { authorization: terminal, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(200);
    const unresolvedShown = () => page.locator(`tr[data-shelter="${shelterId}"] td`).nth(6).textContent();
    await expect.poll(unresolvedShown, { timeout: 15_000 }).toBe('4');

    await page.getByRole('button', { name: '未確認の人を表示' }).click();
    const row = page.locator(`li[data-person="manual:${personId}"]`);
    await expect.poll(() => row.textContent()).toContain('美波 花子（高齢者・要配慮、手入力）');
    // The name typed at the desk and its age group are the search, as they are.
    await row.getByRole('button', { name: '住民を検索' }).click();
    const candidate = row.locator(`li[data-resident="${residentId}"]`);
    await expect.poll(() => candidate.textContent()).toContain('美波\u3000花子（高齢者、1948-05-01生');
    await page.screenshot({ path: join(artifactDir, 'matching.png'), fullPage: true });
    await candidate.getByRole('button', { name: 'この人に決定' }).click();
    await expect.poll(() => page.getByText('美波\u3000花子さんとして照合しました。').count()).toBe(1);
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(unresolvedShown, { timeout: 15_000 }).toBe('3');
  }, 60_000);

  it("imports the town's shelter file and lists the row it left out", async () => {
    const site = (id: string, name: string, coordinates: [number, number]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: { 共通ID: id, '施設・場所名': name, 住所: '徳島県美波町奥河内9', 津波: '1' },
    });
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        site('E3638710000901', '新しい高台', [134.536, 33.741]),
        site('E3638710000902', '逆さま', [33.741, 134.536]),
      ],
    });
    const panel = page.getByRole('region', { name: '避難所データの取り込み' });
    await panel.getByLabel('ファイル').setInputFiles({
      name: 'mergeFromGsi.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(file),
    });
    await panel.getByRole('button', { name: '取り込む' }).click();
    await panel
      .getByText('1か所を取り込みました（国土地理院 GeoJSON、UTF-8）。取り込めなかった行が1件あります。')
      .waitFor();
    const left = panel.getByRole('row').last();
    expect(await left.textContent()).toBe('2E3638710000902緯度と経度が入れ替わっています');
    expect(await left.getByRole('cell').last().getAttribute('title')).toBe(
      'latitude and longitude are swapped',
    );
    await panel.screenshot({ path: join(artifactDir, 'shelter-import.png') });
    const [row] = await backend.db.query<{ name: string; source: string }>(
      "SELECT name, source FROM shelters WHERE id = 'E3638710000901'",
    );
    expect(row).toEqual({ name: '新しい高台', source: '国土地理院' });
  }, 60_000);
});
