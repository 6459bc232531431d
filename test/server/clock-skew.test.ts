// Two backend nodes sharing one PostgreSQL database, their clocks apart: a box fetches its challenge from one
// and answers on the other. The rule (CLOCK_SKEW_TOLERANCE_SECONDS, default 30): a challenge is accepted
// until its expiry, by the issuing node's clock, plus the tolerance, by the answering node's clock.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Backend,
  createLogger,
  createTempPostgresDatabase,
  loadConfig,
  loadDevPki,
  startBackend,
  type TempPostgresDatabase,
} from '@myna-tv/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, type Box, call, enrolBox, fetchChallenge, register } from './support/backend-api.ts';
import { cardOf, loginProof } from './support/resident-card.ts';

const second = 1000;

/** A node's clock: real time plus an offset the test sets. */
function skewedClock() {
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const set = (ms: number) => {
    offsetMs = ms;
  };
  return Object.assign(clock, { set });
}

const issuerClock = skewedClock();
const answererClock = skewedClock();
let temp: TempPostgresDatabase;
let dataDir: string;
let issuer: Backend;
let answerer: Backend;
let box: Box;
let card: ReturnType<typeof cardOf>;

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'myna-clock-skew-'));
  const env = {
    DATA_DIR: dataDir,
    PORT: '0',
    DATABASE_URL: temp.url,
    FIELD_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    LOGIN_CHALLENGE_TTL_SECONDS: '120',
    CLOCK_SKEW_TOLERANCE_SECONDS: '30',
  };
  const logger = createLogger({ level: 'silent' });
  // One after the other: the second finds the development PKI the first created.
  issuer = await startBackend({ config: loadConfig(env), logger, clock: issuerClock });
  answerer = await startBackend({ config: loadConfig(env), logger, clock: answererClock });
  box = await enrolBox(issuer.url, await adminHeaders(issuer.url, issuer.db));
  const holder = (await loadDevPki(join(dataDir, 'dev-pki'))).holders[0];
  if (!holder) throw new Error('no holder');
  card = cardOf(holder);
  expect((await register(issuer.url, box, card)).status).toBe(201);
});

afterAll(async () => {
  await issuer?.close();
  await answerer?.close();
  await temp?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Fetches a challenge from the issuer at `issuerAt`, answers it on the other node at `answerAt` (offsets). */
async function loginAcross(issuerAt: number, answerAt: number) {
  issuerClock.set(issuerAt);
  const challenge = await fetchChallenge(issuer.url, box);
  answererClock.set(answerAt);
  return call(answerer.url, '/api/v1/login', { headers: box.headers, body: loginProof(card, challenge) });
}

describe('a challenge answered on another node (TTL 120 s, tolerance 30 s)', () => {
  it('is accepted when the issuing clock is behind, within the tolerance', async () => {
    // Issued by a clock 20 s behind: it expires 100 s from now in real time; answered 110 s later.
    expect((await loginAcross(-20 * second, 110 * second)).status).toBe(200);
  });

  it('is accepted when the issuing clock is ahead: its lifetime is longer by that much', async () => {
    expect((await loginAcross(20 * second, 165 * second)).status).toBe(200);
  });

  it('is refused past expiry plus tolerance, with a stable code', async () => {
    const late = await loginAcross(-20 * second, 135 * second);
    expect([late.status, late.json.error.code]).toEqual([401, 'jpki.challenge-expired']);
  });

  it('is still accepted once only, whatever the clocks', async () => {
    issuerClock.set(0);
    answererClock.set(0);
    const proof = loginProof(card, await fetchChallenge(issuer.url, box));
    expect((await call(answerer.url, '/api/v1/login', { headers: box.headers, body: proof })).status).toBe(
      200,
    );
    const replay = await call(issuer.url, '/api/v1/login', { headers: box.headers, body: proof });
    expect(replay.json.error.code).toBe('jpki.challenge-replayed');
  });
});
