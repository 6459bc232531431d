// Builds the TV app with its own vite.config.ts: production into tv-app/dist (served at /tv/ by `npm start`),
// or the e2e flavour (renderer inspector and test hook on), which the browser tests share (`e2eTvAppDir`).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { makeOnce } from './make-once.ts';

export const tvAppDir = fileURLToPath(new URL('..', import.meta.url));

export async function buildTvApp(
  options: { mode?: 'production' | 'e2e'; outDir?: string } = {},
): Promise<void> {
  await build({
    root: tvAppDir,
    mode: options.mode ?? 'production',
    logLevel: 'warn',
    build: options.outDir ? { outDir: options.outDir, emptyOutDir: true } : {},
  });
}

const e2eCacheDir = join(tvAppDir, '..', 'node_modules', '.cache', 'myna-tv-e2e');

/** What the bundle is made of: the app and its build, the bridge contract's values, the locked dependencies. */
const bundleInputs = ['src', 'build', 'index.html', 'vite.config.ts', 'package.json'];
const outsideInputs = [
  '../stb-bridge/src/local-api/contracts.ts',
  // Bundled by value: the 利用申込み's birth-date rule (health/BirthDateEntry.ts).
  '../backend/src/health/child-birth-date.ts',
  '../package-lock.json',
];

/**
 * The e2e build for the current sources, made once per machine: several browser test files run at once and
 * each used to spend tens of seconds of CPU on the same build. Read-only for its users.
 */
export async function e2eTvAppDir(): Promise<string> {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const input of bundleInputs) {
    const path = join(tvAppDir, input);
    const entries = await readdir(path, { recursive: true, withFileTypes: true }).catch(() => undefined);
    if (!entries) files.push(path);
    else for (const entry of entries) if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  for (const file of [...files.sort(), ...outsideInputs.map((input) => join(tvAppDir, input))]) {
    hash.update(relative(tvAppDir, file)).update(await readFile(file));
  }
  const dir = join(e2eCacheDir, hash.digest('hex').slice(0, 32));
  await mkdir(e2eCacheDir, { recursive: true });
  await makeOnce(dir, (partial) => buildTvApp({ mode: 'e2e', outDir: partial }));
  return dir;
}
