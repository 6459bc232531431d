// `npm start` end to end: the one command brings up the backend, the demo data, the dashboard and the
// simulated box on free ports and a temporary DATA_DIR; a second start reuses it all; Ctrl-C stops cleanly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStart, type StartProcess, summaryUrl } from './support/start-process.ts';

const summary = /Press Ctrl-C to stop\./;

describe('npm start', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let run: StartProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'myna-npm-start-'));
    env = { DATA_DIR: dataDir, PORT: '0', BRIDGE_PORT: '0', DEMO_HOUSEHOLDS: '30' };
  });

  afterAll(async () => {
    await run?.interrupt(10_000);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('brings everything up and prints the URLs and demo logins', async () => {
    run = runStart(env);
    const output = await run.waitFor(summary, 150_000);
    for (const row of ['API', 'OpenAPI', 'TV app', 'Ops dashboard', 'STB bridge', 'Dev JPKI OCSP']) {
      expect(output).toMatch(new RegExp(`^ {2}${row} +http://127\\.0\\.0\\.1:\\d+`, 'm'));
    }
    expect(output).toContain('30 households (30 new)');
    expect(output).toMatch(/tanaka-hanako registered/);
    expect(output).toMatch(/demo-admin +operator admin/);
  }, 180_000);

  it('serves health with database, push and JPKI status, the OpenAPI document and the dashboard', async () => {
    const backend = summaryUrl(run?.output() ?? '', 'Backend');
    const health = await fetch(`${backend}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { status: 'ok' },
      push: { adapter: 'memory' },
      jpki: { anchors: { sign: 1, auth: 1 } },
    });
    const openapi = await fetch(`${backend}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const ops = await fetch(`${backend}/ops/`);
    expect(ops.status).toBe(200);
    expect(await ops.text()).toContain('マイナTV 運用ダッシュボード');
    expect((await fetch(`${backend}/ops/app.js`)).status).toBe(200);
    const tv = await fetch(`${backend}/tv/`);
    expect(tv.status).toBe(200);
    expect(tv.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('prints the demo insurer, whose credentials read its reports through the API', async () => {
    const output = run?.output() ?? '';
    const field = (name: string) => output.match(new RegExp(`^ {2}${name} +(\\S+)`, 'm'))?.[1];
    const [clientId, secret, reports] = [field('client id'), field('secret'), field('reports')];
    expect(reports).toMatch(/\/api\/v1\/insurer\/reports$/);
    const listed = await fetch(reports as string, {
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ reports: [] });
  });

  it('lets the demo admin log in, and the registered card holder log in on the simulated box', async () => {
    const backend = summaryUrl(run?.output() ?? '', 'Backend');
    const login = await fetch(`${backend}/api/v1/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName: 'demo-admin', password: 'minami-demo-2026' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { account: { role: string } }).account.role).toBe('operator-admin');

    const bridge = summaryUrl(run?.output() ?? '', 'STB bridge');
    const headers = { origin: backend, 'content-type': 'application/json' };
    const resident = await fetch(`${bridge}/login`, { method: 'POST', headers, body: '{"pin":"1234"}' });
    expect(resident.status).toBe(200);
    expect(await resident.json()).toMatchObject({ resident: { name: '田中\u3000花子' } });
    expect((await fetch(`${bridge}/logout`, { method: 'POST', headers })).status).toBe(200);
  });

  it('runs a shelter check-in terminal with a virtual card; a tap there reaches the dashboard', async () => {
    const output = run?.output() ?? '';
    expect(output).toMatch(/shelter terminal \(日和佐公民館, virtual card of suzuki-ichiro\)/);
    const desk = output.match(
      /staff page on (http:\/\/127\.0\.0\.1:\d+\/shelter\/desk\/) \(enrolled by demo-admin/,
    )?.[1];
    expect(desk).toBeDefined();
    const page = await fetch(desk as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('避難所受付');
    const terminal = new URL(desk as string).origin;
    const tap = await fetch(`${terminal}/shelter/tap`, {
      method: 'POST',
      headers: { origin: terminal, 'content-type': 'application/json' },
      body: JSON.stringify({ groupId: null }),
    });
    expect(tap.status).toBe(201);
    expect(await tap.json()).toMatchObject({ check: { result: 'valid' } });

    const backend = summaryUrl(output, 'Backend');
    const login = await fetch(`${backend}/api/v1/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName: 'demo-town', password: 'minami-demo-2026' }),
    });
    const { sessionToken } = (await login.json()) as { sessionToken: string };
    const people = async () => {
      const status = await fetch(`${backend}/api/v1/shelters/status`, {
        headers: { authorization: `Bearer ${sessionToken}` },
      });
      const { shelters } = (await status.json()) as { shelters: { shelterId: string; people: number }[] };
      return shelters.find((s) => s.shelterId === 'E3638700048111')?.people;
    };
    await expect.poll(people, { timeout: 30_000 }).toBe(1);

    // demo-shelter is the staff of that shelter: it sees that one only.
    const staffLogin = await fetch(`${backend}/api/v1/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName: 'demo-shelter', password: 'minami-demo-2026' }),
    });
    const staffToken = ((await staffLogin.json()) as { sessionToken: string }).sessionToken;
    const seen = await fetch(`${backend}/api/v1/shelters/status`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    const { shelters } = (await seen.json()) as { shelters: { shelterId: string }[] };
    expect(shelters.map((s) => s.shelterId)).toEqual(['E3638700048111']);
  }, 60_000);

  it('stops cleanly on Ctrl-C', async () => {
    expect(await run?.interrupt(30_000)).toBe(0);
    run = undefined;
  });

  it('reuses the data on a second start', async () => {
    run = runStart(env);
    const output = await run.waitFor(summary, 120_000);
    expect(output).toContain('30 households (0 new), 3 operator accounts (0 new) (reused)');
    expect(output).toMatch(/tanaka-hanako already registered/);
    expect(output).toMatch(/staff page on http:\/\/127\.0\.0\.1:\d+\/shelter\/desk\/ \(enrolled before/);
    expect(await run.interrupt(30_000)).toBe(0);
    run = undefined;
  }, 150_000);
});
