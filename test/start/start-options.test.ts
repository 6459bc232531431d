import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backendEnvironment,
  bridgeEnvironment,
  demoHouseholdCount,
  parseStartFlags,
  repoDir,
  resetDataDir,
  StartUsageError,
} from '../../scripts/start/start-options.ts';

describe('parseStartFlags', () => {
  it('knows --reset and --help, nothing else', () => {
    expect(parseStartFlags([])).toEqual({ reset: false, help: false });
    expect(parseStartFlags(['--reset'])).toEqual({ reset: true, help: false });
    expect(parseStartFlags(['-h'])).toEqual({ reset: false, help: true });
    expect(() => parseStartFlags(['--rest'])).toThrow(StartUsageError);
  });
});

describe('environments', () => {
  it('gives the backend quiet logs and the dashboard it built, keeping what is set', () => {
    const env = backendEnvironment({ PORT: '9000' }, { opsDir: '/x/ops' });
    expect(env).toMatchObject({ PORT: '9000', LOG_LEVEL: 'warn', OPS_APP_DIR: '/x/ops' });
    expect(env.TV_APP_DIR).toMatch(/tv-app\/dist$/);
    expect(backendEnvironment({ LOG_LEVEL: 'debug', TV_APP_DIR: '/tv' }, { opsDir: '/o' })).toMatchObject({
      LOG_LEVEL: 'debug',
      TV_APP_DIR: '/tv',
    });
  });

  it('points the bridge at this backend, the holder’s box folder and the backend’s origin', () => {
    const env = bridgeEnvironment(
      {},
      { backendUrl: 'http://127.0.0.1:41000', pkiDir: '/d/dev-pki', boxDir: (id) => `/d/boxes/${id}` },
    );
    expect(env).toMatchObject({
      BRIDGE_VIRTUAL_HOLDER: 'tanaka-hanako',
      BRIDGE_DATA_DIR: '/d/boxes/tanaka-hanako',
      BRIDGE_BACKEND_URL: 'http://127.0.0.1:41000',
      BRIDGE_VIRTUAL_PKI_DIR: '/d/dev-pki',
      BRIDGE_ALLOWED_ORIGINS: 'http://127.0.0.1:41000,http://localhost:41000',
    });
    const sato = bridgeEnvironment(
      { BRIDGE_VIRTUAL_HOLDER: 'sato-yui', BRIDGE_LOG_LEVEL: 'info' },
      { backendUrl: 'http://127.0.0.1:8080', pkiDir: '/p', boxDir: (id) => `/b/${id}` },
    );
    expect(sato).toMatchObject({ BRIDGE_DATA_DIR: '/b/sato-yui', BRIDGE_LOG_LEVEL: 'info' });
  });

  it('reads DEMO_HOUSEHOLDS, at least the three card holders’ homes', () => {
    expect(demoHouseholdCount({})).toBe(300);
    expect(demoHouseholdCount({ DEMO_HOUSEHOLDS: '25' })).toBe(25);
    expect(() => demoHouseholdCount({ DEMO_HOUSEHOLDS: '2' })).toThrow(StartUsageError);
    expect(() => demoHouseholdCount({ DEMO_HOUSEHOLDS: 'many' })).toThrow(StartUsageError);
  });
});

describe('resetDataDir', () => {
  it('deletes the data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'myna-reset-'));
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'db', 'file'), 'x');
    await resetDataDir(dir, tmpdir());
    await expect(stat(dir)).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a folder holding the working directory, the repository or /', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'myna-reset-'));
    await expect(resetDataDir(dir, join(dir, 'inside'))).rejects.toThrow(StartUsageError);
    await expect(resetDataDir(repoDir, tmpdir())).rejects.toThrow(/refusing/);
    await expect(resetDataDir('/', tmpdir())).rejects.toThrow(/refusing/);
    expect((await stat(dir)).isDirectory()).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
