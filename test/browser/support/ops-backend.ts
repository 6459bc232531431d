// A backend for the ops dashboard's browser tests: startBackend on a free port with PGlite in a fresh temp
// folder and the dashboard built and served at /ops/; seeding is the test's own. Also the dashboard's login
// form, filled as staff do.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, demoOperatorPassword, loadConfig } from '@myna-tv/backend';
import type { Page } from 'playwright-core';
import { buildOpsDashboard } from '../../../backend/ops/build-ops.ts';
import { type Backend, startBackend } from '../../../backend/src/server/index.ts';

export interface OpsBackend {
  /** The temp folder, for whatever else the test keeps (removed on close). */
  dir: string;
  backend: Backend;
  config: Config;
  /** Stops the backend and removes its folder. */
  close(): Promise<void>;
}

/** The backend with its data and the dashboard in `dir`, which the caller keeps and removes. */
export async function startOpsBackendIn(dir: string): Promise<{ backend: Backend; config: Config }> {
  const config = loadConfig({
    DATA_DIR: join(dir, 'data'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    OPS_APP_DIR: await buildOpsDashboard({ outDir: join(dir, 'ops') }),
  });
  return { backend: await startBackend({ config }), config };
}

/** The backend in a fresh temp folder named for the test, removed on close. */
export async function startOpsBackend(name: string): Promise<OpsBackend> {
  const dir = await mkdtemp(join(tmpdir(), `myna-${name}-`));
  const { backend, config } = await startOpsBackendIn(dir).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    dir,
    backend,
    config,
    async close() {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the dashboard's login form on `page` (already at /ops/) and submits it: a demo account by default. */
export async function logInToOps(
  page: Page,
  loginName: string,
  password = demoOperatorPassword,
): Promise<void> {
  await page.getByLabel('ログイン名').fill(loginName);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
