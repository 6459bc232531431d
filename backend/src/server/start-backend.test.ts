// The composed backend on a real port (embedded PGlite, the development PKI served by the same server):
// health, static front ends, /metrics access, request logs free of secrets and personal data, login failure
// counts, session expiry.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../accounts/index.ts';
import { loadConfig } from '../config/index.ts';
import { fromPem, type HolderProfile, loadDevPki } from '../dev-jpki/index.ts';
import { isPublicRoute, selfAuthenticatedRoutes } from '../http/index.ts';
import { adminPassword, sampleHousehold, testClock } from '../http/testing/test-app.ts';
import { type CardKeys, loginProof, registrationRequest } from '../http/testing/test-card.ts';
import { createLogger } from '../observability/index.ts';
import { type Backend, startBackend } from './start-backend.ts';

const metricsToken = 'scrape-token-0123456789abcdefghijklmnopqrstuvwxyz';
const clock = testClock();
const lines: string[] = [];
let dir: string;
let backend: Backend;
let holder: HolderProfile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-backend-'));
  await mkdir(join(dir, 'tv'));
  await writeFile(join(dir, 'tv', 'index.html'), '<!doctype html><title>Myna TV</title>');
  await writeFile(
    join(dir, 'mt_town.csv'),
    'lg_code,machiaza_id,city,oaza_cho\n363871,0001000,美波町,奥河内\n',
  );
  const config = loadConfig({
    DATA_DIR: dir,
    PORT: '0',
    TV_APP_DIR: join(dir, 'tv'),
    METRICS_TOKEN: metricsToken,
    AREA_NAMES_FILES: join(dir, 'mt_town.csv'),
  });
  backend = await startBackend({
    config,
    clock,
    logger: createLogger({ level: 'info', sink: (line) => void lines.push(line) }),
  });
  holder = (await loadDevPki(config.jpkiPkiDir)).holders[0] as HolderProfile;
});

afterAll(async () => {
  await backend?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  const response = await fetch(`${backend.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    redirect: 'manual',
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  return { status: response.status, text, json, headers: response.headers };
}

async function adminHeaders(): Promise<Record<string, string>> {
  await ensureFirstAdmin(backend.db, {
    loginName: 'admin',
    displayName: 'Admin',
    password: adminPassword,
    now: clock(),
  });
  const { json } = await call('/api/v1/operator/login', {
    method: 'POST',
    body: { loginName: 'admin', password: adminPassword },
  });
  return { authorization: `Bearer ${json.sessionToken}` };
}

const card = (h: HolderProfile): CardKeys => ({
  authCertificateDer: fromPem(h.authCertPem, 'CERTIFICATE'),
  authKeyPem: h.authKeyPem,
  signCertificateDer: fromPem(h.signCertPem, 'CERTIFICATE'),
  signKeyPem: h.signKeyPem,
});

describe('a started backend', () => {
  it('reports its parts in GET /api/v1/health, publicly', async () => {
    const { status, json } = await call('/api/v1/health');
    expect(status).toBe(200);
    expect(json).toEqual({
      status: 'ok',
      database: { status: 'ok' },
      push: { adapter: 'memory' },
      jpki: { anchors: { sign: 1, auth: 1 }, ocsp: { status: 'unchecked', lastCheck: null } },
    });
  });

  it('names areas from the 町字マスター files of AREA_NAMES_FILES', async () => {
    expect(await backend.db.query('SELECT machiaza_id, name FROM area_names ORDER BY 1 NULLS FIRST')).toEqual(
      [
        { machiaza_id: null, name: '美波町' },
        { machiaza_id: '0001000', name: '奥河内' },
      ],
    );
  });

  it('serves the TV app publicly at /tv/, and nothing outside its folder', async () => {
    const page = await call('/tv/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Myna TV');
    expect((await call('/tv')).headers.get('location')).toBe('/tv/');
    for (const path of ['/tv/../field-keys', '/tv/%2e%2e/field-keys', '/tv/..%2ffield-keys']) {
      const { text } = await call(path);
      expect(text).not.toMatch(/k[0-9a-f]{8}:/);
    }
    expect((await call('/tv/missing.js')).json.error.code).toBe('request.not-found');
    expect((await call('/ops/')).json.error.code).toBe('request.not-found');
  });

  it('refuses every route outside the public list without credentials, its own routes included', async () => {
    const concrete = (path: string) => path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000');
    const guarded = backend.app.routes.filter(
      (r) =>
        r.method !== 'ALL' &&
        (!isPublicRoute(r.method, r.path) || selfAuthenticatedRoutes.has(`${r.method} ${r.path}`)),
    );
    expect(guarded.map((r) => r.path)).toContain('/metrics');
    for (const route of guarded) {
      const { status, json } = await call(concrete(route.path), { method: route.method });
      expect({ route: `${route.method} ${route.path}`, status, code: json.error.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'auth.required',
      });
    }
  });

  it('guards /metrics with the scrape token or an operator-admin session', async () => {
    expect((await call('/metrics')).json.error.code).toBe('auth.required');
    const wrong = await call('/metrics', { headers: { authorization: 'Bearer not-the-token' } });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'auth.required']);
    const scraped = await call('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(scraped.text).toContain('# TYPE myna_http_requests_total counter');
    expect((await call('/metrics', { headers: await adminHeaders() })).status).toBe(200);
  });

  it('logs a card login with its request id and route, and no secret or personal data', async () => {
    const admin = await adminHeaders();
    const enrolled = await call('/api/v1/devices', {
      method: 'POST',
      headers: admin,
      body: { label: 'STB', household: sampleHousehold },
    });
    const box = { authorization: `Device ${enrolled.json.deviceId}.${enrolled.json.deviceSecret}` };
    const challenge = async () =>
      (await call('/api/v1/login/challenge', { method: 'POST', headers: box })).json;
    const registration = await registrationRequest(card(holder), (await challenge()).challenge);
    const registered = await call('/api/v1/residents/registrations', {
      method: 'POST',
      headers: box,
      body: registration,
    });
    expect(registered.status).toBe(201);
    lines.length = 0;
    const proof = loginProof(card(holder), (await challenge()).challenge);
    const login = await call('/api/v1/login', { method: 'POST', headers: box, body: proof });
    expect(login.status).toBe(200);

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => [r.msg, r.route, r.status])).toEqual([
      ['request', '/api/v1/login/challenge', 200],
      ['request', '/api/v1/login', 200],
    ]);
    expect(records[1]?.requestId).toBe(login.headers.get('x-request-id'));
    expect(typeof records[1]?.durationMs).toBe('number');
    const logged = lines.join('\n');
    const secrets = [
      enrolled.json.deviceSecret,
      box.authorization,
      login.json.sessionToken,
      registered.json.sessionToken,
      admin.authorization,
      adminPassword,
      proof.signature,
      proof.certificate.slice(0, 40),
      registration.signedRegistration.slice(0, 40),
      holder.basicInfo.name,
      holder.basicInfo.address,
      sampleHousehold.address,
    ];
    for (const secret of secrets) expect(logged).not.toContain(secret);
  });

  it('counts failed logins by code in the metrics, and every error is JSON with a code', async () => {
    const admin = await adminHeaders();
    const enrolled = await call('/api/v1/devices', {
      method: 'POST',
      headers: admin,
      body: { label: 'STB 2', household: sampleHousehold },
    });
    const box = { authorization: `Device ${enrolled.json.deviceId}.${enrolled.json.deviceSecret}` };
    const { challenge } = (await call('/api/v1/login/challenge', { method: 'POST', headers: box })).json;
    const forged = {
      ...loginProof(card(holder), challenge),
      signature: Buffer.alloc(256, 1).toString('base64'),
    };
    const refused = await call('/api/v1/login', { method: 'POST', headers: box, body: forged });
    expect([refused.status, refused.json.error.code]).toEqual([401, 'jpki.signature-invalid']);
    const malformed = await call('/api/v1/login', { method: 'POST', headers: box, body: { challenge } });
    expect(malformed.json.error.code).toBe('request.invalid');

    const { text } = await call('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(text).toContain('myna_login_failures_total{kind="resident",code="jpki.signature-invalid"} 1');
    expect(text).toContain('myna_login_failures_total{kind="resident",code="request.invalid"} 1');
    expect(text).toMatch(/myna_http_requests_total\{method="POST",route="\/api\/v1\/login",status="200"\} 1/);
    expect(text).toMatch(/myna_ocsp_cache_misses_total [1-9]/);
    expect(text).toContain('myna_push_connected_boxes 0');
    const health = (await call('/api/v1/health')).json;
    expect(health.jpki.ocsp).toEqual({ status: 'ok', lastCheck: expect.any(String) });
  });

  it('ends an idle resident session: 401 auth.session-expired', async () => {
    const admin = await adminHeaders();
    const enrolled = await call('/api/v1/devices', {
      method: 'POST',
      headers: admin,
      body: { label: 'STB 3', household: sampleHousehold },
    });
    const box = { authorization: `Device ${enrolled.json.deviceId}.${enrolled.json.deviceSecret}` };
    const { challenge } = (await call('/api/v1/login/challenge', { method: 'POST', headers: box })).json;
    const login = await call('/api/v1/login', {
      method: 'POST',
      headers: box,
      body: loginProof(card(holder), challenge),
    });
    const resident = { ...box, 'x-resident-session': login.json.sessionToken };
    expect((await call('/api/v1/residents/me', { headers: resident })).status).toBe(200);
    clock.advance(30 * 60_000 + 1000);
    const expired = await call('/api/v1/residents/me', { headers: resident });
    expect([expired.status, expired.json.error.code]).toEqual([401, 'auth.session-expired']);
  });
});
