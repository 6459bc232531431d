// Enrolling a check-in terminal with `npm run shelter -- enrol` (the CLI in a child process) against a real
// backend (startBackend: operator sessions, the development JPKI at /dev-jpki): an operator admin's login
// enrols the terminal and the credential file is written (0600) with the auth CA's fingerprint pinned; the
// terminal's credential then works at the backend. A second run, a wrong password and a non-admin login are
// refused and write nothing. The trust download keeps a CA only if it chains to the pinned root.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createOperatorAccount, loadConfig, loadDevPki } from '@myna-tv/backend';
import {
  fingerprintOf,
  readTerminalCredential,
  type TerminalCredentialFile,
  TrustRefresh,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, startBackend } from '../../backend/src/server/index.ts';

const repoDir = fileURLToPath(new URL('../../', import.meta.url));
const shelterId = 'E3638700058111';
const password = 'enrol-test-password-2026';
let dir: string;
let backend: Backend;
let authCaFingerprint: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-terminal-enrolment-'));
  const config = loadConfig({ DATA_DIR: join(dir, 'data'), PORT: '0', LOG_LEVEL: 'silent' });
  backend = await startBackend({ config });
  await backend.db.query(
    `INSERT INTO shelters (id, local_government_code, kind, name, address, latitude, longitude, source,
       imported_at) VALUES ($1, '363871', 'evacuation-shelter', '美波町立日和佐小学校', '徳島県海部郡美波町',
       33.73, 134.53, 'test', now())`,
    [shelterId],
  );
  const actor = { id: 'enrol-test', role: 'system' as const, requestId: null };
  for (const [loginName, role] of [
    ['installer', 'operator-admin'],
    ['desk-staff', 'shelter-staff'],
  ] as const) {
    await createOperatorAccount(backend.db, {
      account: { loginName, displayName: loginName, role, password },
      actor,
      now: new Date(),
    });
  }
  const pki = await loadDevPki(config.jpkiPkiDir);
  authCaFingerprint = fingerprintOf(new X509Certificate(pki.ca.auth.der));
}, 120_000);

afterAll(async () => {
  await backend?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const enrol = (args: { login: string; password: string; credential: string }) =>
  promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'stb-bridge/src/cli/shelter.ts',
      'enrol',
      '--backend',
      backend.url,
      '--shelter',
      shelterId,
      '--login',
      args.login,
      '--label',
      '受付1',
      '--credential',
      args.credential,
    ],
    { cwd: repoDir, env: { ...process.env, MYNA_OPERATOR_PASSWORD: args.password } },
  ).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: `${error.stdout}${error.stderr}`,
    }),
  );

describe('terminal enrolment', () => {
  let credential: TerminalCredentialFile;
  const credentialFile = () => join(dir, 'terminal', 'shelter-terminal.json');

  it('enrols with an operator admin login and writes the credential the terminal reads', async () => {
    const run = await enrol({ login: 'installer', password, credential: credentialFile() });
    expect(run.code).toBe(0);
    expect(run.output).toContain(`pinned trust root (SHA-256) ${authCaFingerprint}`);
    credential = await readTerminalCredential(credentialFile());
    expect(credential).toMatchObject({ shelterId, trustRoots: [authCaFingerprint] });
    expect((await stat(credentialFile())).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'terminal'))).mode & 0o777).toBe(0o700);

    const me = await fetch(`${backend.url}/api/v1/shelter-terminals/me`, {
      headers: { authorization: `Terminal ${credential.terminalId}.${credential.secret}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ shelterId, label: '受付1', storedThrough: 0 });
  }, 60_000);

  it('refuses a second enrolment, a wrong password and a non-admin, writing nothing', async () => {
    const again = await enrol({ login: 'installer', password, credential: credentialFile() });
    expect(again.code).toBe(1);
    expect(again.output).toContain('enrolled already');
    expect((await readTerminalCredential(credentialFile())).terminalId).toBe(credential.terminalId);

    const wrong = await enrol({
      login: 'installer',
      password: 'not-it',
      credential: join(dir, 'b', 't.json'),
    });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/answered 401/);
    const staff = await enrol({ login: 'desk-staff', password, credential: join(dir, 'b', 't.json') });
    expect(staff.code).toBe(1);
    expect(staff.output).toMatch(/answered 403/);
    expect(await readdir(join(dir, 'b')).catch(() => [])).toEqual([]);
  }, 60_000);

  it('keeps the downloaded CA only when it chains to the pinned root', async () => {
    const download = async (trustRoots: string[], trustDir: string) => {
      let updated = 0;
      const refresh = new TrustRefresh({
        url: `${backend.url}/dev-jpki`,
        trustDir,
        trustRoots,
        onUpdated: async () => {
          updated++;
        },
      });
      const ok = await refresh.refreshNow();
      await refresh.stop();
      return { ok, updated, error: refresh.lastError as { code?: string } | null };
    };
    const pinned = await download(credential.trustRoots, join(dir, 'trust-pinned'));
    expect(pinned).toEqual({ ok: true, updated: 1, error: null });
    const cached = await readFile(join(dir, 'trust-pinned', 'jpki-auth.ca.pem'), 'utf8');
    expect(fingerprintOf(new X509Certificate(cached))).toBe(authCaFingerprint);

    // Another root pinned (the terminal was enrolled for another PKI, or the URL answers someone else's CA).
    const other = await download(['ab'.repeat(32)], join(dir, 'trust-other'));
    expect(other).toMatchObject({ ok: false, updated: 0, error: { code: 'shelter.trust-unpinned' } });
    expect(await readdir(join(dir, 'trust-other')).catch(() => [])).toEqual([]);
  });
});
