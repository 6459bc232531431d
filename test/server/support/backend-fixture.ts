// Per test file: backend processes on one PostgreSQL database and development PKI (vitest hooks; apart from
// backend-process.ts so that the benchmarks, which run outside vitest, can start backends too).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempPostgresDatabase, initDevPki, type TempPostgresDatabase } from '@myna-tv/backend';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type BackendProcess, startBackendProcess } from './backend-process.ts';

/**
 * Per test file: a PostgreSQL database and a development PKI made once (each process then starts in a second
 * or two), and `start` for a backend process that is killed after its test.
 */
export function useBackendProcesses(name: string) {
  let dataDir = '';
  let temp: TempPostgresDatabase | undefined;
  let env: Record<string, string> = {};
  let backend: BackendProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `myna-${name}-`));
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
  return {
    async start(extraEnv: Record<string, string> = {}, options: { nodeOptions?: string[] } = {}) {
      backend = await startBackendProcess({ ...env, ...extraEnv }, options);
      return backend;
    },
  };
}
