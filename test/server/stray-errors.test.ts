// Errors nobody handled, inside a running backend process (raised on SIGUSR2 by a module loaded with
// --import, standing in for a bug): a stray rejection is logged and the process keeps serving; an uncaught
// exception is logged as fatal and the process stops gracefully with exit code 1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempPostgresDatabase, initDevPki, type TempPostgresDatabase } from '@myna-tv/backend';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type BackendProcess, startBackendProcess } from './support/backend-process.ts';

const strayOnSignal = (raise: string) => [
  '--import',
  `data:text/javascript,${encodeURIComponent(`process.on('SIGUSR2', () => { ${raise} });`)}`,
];

let dataDir: string;
let temp: TempPostgresDatabase;
let env: Record<string, string>;
let backend: BackendProcess | undefined;

// PostgreSQL and a development PKI made beforehand: each process then starts in a second or two.
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'myna-stray-'));
  temp = await createTempPostgresDatabase();
  await initDevPki({ dir: join(dataDir, 'dev-pki') });
  env = {
    DATA_DIR: dataDir,
    DATABASE_URL: temp.url,
    FIELD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
});
afterEach(async () => {
  await backend?.kill();
  backend = undefined;
});
afterAll(async () => {
  await temp?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('logs an unhandled rejection and keeps serving', async () => {
  backend = await startBackendProcess(
    { ...env },
    { nodeOptions: strayOnSignal("Promise.reject(new Error('stray rejection'));") },
  );
  backend.child.kill('SIGUSR2');
  const logged = await backend.logged('unhandled rejection');
  expect(logged).toMatchObject({ level: 'error', error: { message: 'stray rejection' } });
  expect((await fetch(`${backend.url}/api/v1/health`)).status).toBe(200);
  expect(await backend.stop()).toBe(0);
});

it('stops gracefully with exit code 1 after an uncaught exception', async () => {
  backend = await startBackendProcess(
    { ...env },
    { nodeOptions: strayOnSignal("setImmediate(() => { throw new Error('stray throw'); });") },
  );
  backend.child.kill('SIGUSR2');
  expect(await backend.logged('uncaught exception')).toMatchObject({
    level: 'fatal',
    error: { message: 'stray throw' },
  });
  expect(await backend.exited).toBe(1);
  expect(backend.logs.map((line) => line.msg)).toContain('stopped');
});
