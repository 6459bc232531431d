// The database connections drop under load (pg_terminate_backend from a second connection, as a PostgreSQL
// restart or failover does): requests using them fail with a JSON error, the backend reconnects by itself,
// and no login is half-applied (a session always has its audit entry, never one without the other).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Backend,
  createLogger,
  createPostgresDatabase,
  createTempPostgresDatabase,
  type Database,
  type HolderProfile,
  loadConfig,
  loadDevPki,
  startBackend,
  type TempPostgresDatabase,
  testPostgresUrl,
} from '@myna-tv/backend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Answer,
  adminHeaders,
  type Box,
  call,
  enrolBox,
  login,
  register,
} from './support/backend-api.ts';
import { cardOf, loginProof } from './support/resident-card.ts';

let temp: TempPostgresDatabase;
let admin: Database;
let backend: Backend;
let dataDir: string;
const boxes: { box: Box; card: ReturnType<typeof cardOf> }[] = [];

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  admin = createPostgresDatabase({ url: testPostgresUrl });
  dataDir = await mkdtemp(join(tmpdir(), 'myna-db-restart-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    DATABASE_URL: temp.url,
    DATABASE_POOL_SIZE: '4',
    FIELD_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
  });
  backend = await startBackend({ config, logger: createLogger({ level: 'silent' }) });
  const operator = await adminHeaders(backend.url, backend.db);
  const holders: HolderProfile[] = (await loadDevPki(config.jpkiPkiDir)).holders;
  for (const holder of holders) {
    const box = await enrolBox(backend.url, operator);
    const card = cardOf(holder);
    expect((await register(backend.url, box, card)).status).toBe(201);
    boxes.push({ box, card });
  }
});

afterAll(async () => {
  await backend?.close();
  await admin?.close();
  await temp?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Ends every connection of the backend to its database, as a server restart would. */
const terminateConnections = () =>
  admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [temp.name],
  );

it('survives its connections being terminated mid-load, without half-applied logins', async () => {
  const answers: Answer[] = [];
  let running = true;
  // Challenge and login, each answer recorded: either may meet a dropped connection.
  const loginLoop = async (i: number) => {
    const { box, card } = boxes[i % boxes.length] as (typeof boxes)[number];
    while (running) {
      const challenge = await call(backend.url, '/api/v1/login/challenge', {
        method: 'POST',
        headers: box.headers,
      });
      answers.push(challenge);
      if (challenge.status !== 200) continue;
      const proof = loginProof(card, challenge.json.challenge);
      answers.push(await call(backend.url, '/api/v1/login', { headers: box.headers, body: proof }));
    }
  };
  const workers = Array.from({ length: 6 }, (_, i) => loginLoop(i));
  for (let round = 0; round < 5; round++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await terminateConnections();
  }
  running = false;
  await Promise.all(workers);

  // Every answer is JSON with a stable code: a session, or an error the box can act on.
  const codes = new Set(answers.map((a) => (a.status === 200 ? 'ok' : a.json?.error?.code)));
  for (const code of codes) expect(['ok', 'unavailable', 'internal']).toContain(code);
  expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);

  // Reconnected: every box logs in again.
  for (const { box, card } of boxes) expect((await login(backend.url, box, card)).status).toBe(200);
  expect((await call(backend.url, '/api/v1/health')).json.status).toBe('ok');

  // A login is one transaction: its session and its audit entry exist together or not at all.
  const [row] = await backend.db.query<{ sessions: number; audited: number }>(
    `SELECT (SELECT count(*)::int FROM sessions WHERE resident_id IS NOT NULL) AS sessions,
            (SELECT count(*)::int FROM audit_log WHERE action IN ('resident.login', 'resident.register')) AS audited`,
  );
  expect(row?.sessions).toBe(row?.audited);
  const succeeded = answers.filter((a) => a.status === 200 && a.json.sessionToken).length + boxes.length * 2;
  expect(row?.sessions).toBeGreaterThanOrEqual(succeeded);
});
