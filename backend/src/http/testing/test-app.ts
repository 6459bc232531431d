// Test support: the real app (createApp) on a fresh PGlite database in a temp folder, or on a given database
// (PostgreSQL), with a controllable clock, a recording push gateway, and helpers that act as an operator and
// as a set-top box (test-card.ts acts as the card holder).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFirstAdmin } from '../../accounts/index.ts';
import {
  type AlertDispatcher,
  type AlertIngestSettings,
  createRecordingDispatcher,
  type DispatchCall,
  defaultAlertIngestSettings,
} from '../../alerts/index.ts';
import { type App, type AppPolicy, createApp, defaultAppPolicy } from '../../app.ts';
import { createFieldCipher } from '../../crypto/index.ts';
import { createPgliteDatabase, type Database, migrate } from '../../db/index.ts';
import { CertificateVerifier, LoginVerifier } from '../../jpki/index.ts';
import type { TestPki } from '../../jpki/testing/test-pki.ts';
import { createBlindIndex, createPgChallengeStore } from '../../residents/index.ts';
import { type CardKeys, loginProof, registrationRequest } from './test-card.ts';

export interface TestClock {
  (): Date;
  /** Moves this clock ahead of real time (it keeps running with it). */
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  const clock = (() => new Date(Date.now() + offset)) as TestClock;
  clock.advance = (ms) => {
    offset += ms;
  };
  return clock;
}

export interface TestApp {
  app: App;
  db: Database;
  clock: TestClock;
  /** Device ids the push gateway was asked to disconnect. */
  disconnected: string[];
  /** Errors the app reported as internal. */
  reported: unknown[];
  /** What alert ingest asked the dispatcher (when the test gave none of its own). */
  dispatched: DispatchCall[];
  close(): Promise<void>;
}

export const adminLoginName = 'admin';
export const adminPassword = 'correct horse battery staple';

export interface TestAppOptions {
  /** A migrated database to use (e.g. PostgreSQL); default: a new PGlite database in a temp folder. */
  db?: Database;
  /** The development PKI the card verifiers trust; without it they trust nothing. */
  pki?: TestPki;
  policy?: Partial<AppPolicy>;
  /** Alert ingest: a dispatcher (default: one that records) and settings (default: no signing required). */
  alerts?: { dispatcher?: AlertDispatcher; settings?: Partial<AlertIngestSettings> };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.db === undefined ? await mkdtemp(join(tmpdir(), 'myna-app-')) : undefined;
  const db = options.db ?? (await createPgliteDatabase({ dir: join(dir ?? '', 'db') }));
  if (options.db === undefined) await migrate(db);
  const clock = testClock();
  const keys = [{ id: 'test', key: new Uint8Array(32).fill(7) }];
  const certificates = options.pki
    ? options.pki.verifier({ now: clock }).certificates
    : new CertificateVerifier({
        anchors: { sign: [], auth: [] },
        statusSource: { check: async () => ({ status: 'unknown', why: 'no PKI in this test' }) },
        now: clock,
      });
  const login = new LoginVerifier({ certificates, challenges: createPgChallengeStore(db), now: clock });
  const disconnected: string[] = [];
  const reported: unknown[] = [];
  const recording = createRecordingDispatcher();
  const app = createApp({
    db,
    cipher: createFieldCipher(keys),
    blindIndex: createBlindIndex(keys, 'resident-basic-info'),
    jpki: { login, certificates },
    push: { disconnectDevice: (deviceId) => void disconnected.push(deviceId) },
    clock,
    // Tests pick the client address with a header; a server uses @hono/node-server's getConnInfo.
    getConnInfo: (c) => ({ remote: { address: c.req.header('x-test-address') ?? '192.0.2.10' } }),
    policy: { ...defaultAppPolicy, ...options.policy },
    reportError: (error) => void reported.push(error),
    alerts: {
      dispatcher: options.alerts?.dispatcher ?? recording,
      settings: { ...defaultAlertIngestSettings, ...options.alerts?.settings },
    },
  });
  return {
    app,
    db,
    clock,
    disconnected,
    reported,
    dispatched: recording.calls,
    async close() {
      if (dir === undefined) return;
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Sends JSON (or nothing) with the given headers. */
export function call(
  t: TestApp,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return Promise.resolve(
    t.app.request(path, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    }),
  );
}

/** Creates the first admin (once) and logs in; resolves to the Authorization header. */
export async function loginAsAdmin(t: TestApp): Promise<Record<string, string>> {
  await ensureFirstAdmin(t.db, {
    loginName: adminLoginName,
    displayName: 'Admin',
    password: adminPassword,
    now: t.clock(),
  });
  const response = await call(t, 'POST', '/api/v1/operator/login', {
    body: { loginName: adminLoginName, password: adminPassword },
  });
  if (response.status !== 200)
    throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  const { sessionToken } = (await response.json()) as { sessionToken: string };
  return { authorization: `Bearer ${sessionToken}` };
}

/**
 * Creates an operator account with `admin` (e.g. municipality staff of one town) and logs it in; resolves to
 * the Authorization header.
 */
export async function loginAsOperator(
  t: TestApp,
  admin: Record<string, string>,
  account: { loginName: string; role: string; localGovernmentCode: string | null },
): Promise<Record<string, string>> {
  const password = 'a long enough password';
  const created = await call(t, 'POST', '/api/v1/operator/accounts', {
    headers: admin,
    body: { ...account, displayName: account.loginName, password },
  });
  if (created.status !== 201)
    throw new Error(`account creation failed: ${created.status} ${await created.text()}`);
  const response = await call(t, 'POST', '/api/v1/operator/login', {
    body: { loginName: account.loginName, password },
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const { sessionToken } = (await response.json()) as { sessionToken: string };
  return { authorization: `Bearer ${sessionToken}` };
}

export const sampleHousehold = {
  address: '徳島県海部郡美波町奥河内字寺前１２３番地',
  latitude: 33.7347,
  longitude: 134.5353,
  localGovernmentCode: '363871',
  machiazaId: '0001001',
  members: [{ name: 'たなか はなこ', birthYear: 1948, needsAssistance: true }],
};

export interface EnrolledBox {
  deviceId: string;
  householdId: string;
  /** `Authorization: Device <id>.<secret>` */
  headers: Record<string, string>;
}

export async function enrolBox(t: TestApp, admin: Record<string, string>): Promise<EnrolledBox> {
  const response = await call(t, 'POST', '/api/v1/devices', {
    headers: admin,
    body: { label: 'STB test', household: sampleHousehold },
  });
  if (response.status !== 201)
    throw new Error(`enrolment failed: ${response.status} ${await response.text()}`);
  const { deviceId, householdId, deviceSecret } = (await response.json()) as Record<string, string>;
  return {
    deviceId: deviceId ?? '',
    householdId: householdId ?? '',
    headers: { authorization: `Device ${deviceId}.${deviceSecret}` },
  };
}

/** A box's headers with a resident session on top. */
export function asResident(box: EnrolledBox, sessionToken: string): Record<string, string> {
  return { ...box.headers, 'x-resident-session': sessionToken };
}

export async function fetchChallenge(t: TestApp, box: EnrolledBox): Promise<string> {
  const response = await call(t, 'POST', '/api/v1/login/challenge', { headers: box.headers });
  if (response.status !== 200)
    throw new Error(`challenge failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { challenge: string }).challenge;
}

/** Registers the card's holder on the box and logs in: the box's headers with that resident's session. */
export async function registerResident(
  t: TestApp,
  box: EnrolledBox,
  card: CardKeys,
): Promise<Record<string, string>> {
  const registered = await call(t, 'POST', '/api/v1/residents/registrations', {
    headers: box.headers,
    body: await registrationRequest(card, await fetchChallenge(t, box)),
  });
  if (registered.status !== 201)
    throw new Error(`registration failed: ${registered.status} ${await registered.text()}`);
  const response = await call(t, 'POST', '/api/v1/login', {
    headers: box.headers,
    body: loginProof(card, await fetchChallenge(t, box)),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return asResident(box, ((await response.json()) as { sessionToken: string }).sessionToken);
}
