// What `npm start` takes: its command-line flags, and the environment it hands the backend and the bridge with
// the embedded defaults filled in (quiet logs, the dashboard it builds, the TV app it builds when missing).
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDemoHouseholdCount } from '@myna-tv/backend';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const tvAppDistDir = join(repoDir, 'tv-app', 'dist');

export interface StartFlags {
  /** Wipe DATA_DIR first and start clean. */
  reset: boolean;
  help: boolean;
}

export class StartUsageError extends Error {
  override name = 'StartUsageError';
}

export function parseStartFlags(argv: readonly string[]): StartFlags {
  const flags: StartFlags = { reset: false, help: false };
  for (const arg of argv) {
    if (arg === '--reset') flags.reset = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else throw new StartUsageError(`unknown argument ${arg} (try --help)`);
  }
  return flags;
}

type Env = Readonly<Record<string, string | undefined>>;

const unset = (value: string | undefined) => value === undefined || value.trim() === '';

/** `npm start` prints its own summary: the parts log only warnings unless asked for more. */
const quietLogLevel = 'warn';

/** The variables `npm start` adds to the backend's and the bridge's own (docs/configuration.md, --help). */
export const startSettings = [
  {
    env: 'DEMO_HOUSEHOLDS',
    default: String(defaultDemoHouseholdCount),
    doc: 'Demo households of 美波町 to create (at least 3).',
  },
  {
    env: 'LOG_LEVEL',
    default: quietLogLevel,
    doc: 'Backend log level (the backend alone defaults to info).',
  },
  {
    env: 'BRIDGE_LOG_LEVEL',
    default: quietLogLevel,
    doc: 'Bridge log level (the bridge alone defaults to info).',
  },
  {
    env: 'OPS_APP_DIR',
    default: 'backend/ops/dist',
    doc: 'Operations dashboard served at /ops/; unset: built from backend/ops/ at each start.',
  },
  {
    env: 'TV_APP_DIR',
    default: 'tv-app/dist',
    doc: 'TV app served at /tv/; unset: tv-app/dist, built at start when missing.',
  },
] as const;

/** The backend's environment with the embedded defaults of `npm start`. */
export function backendEnvironment(
  env: Env,
  options: { opsDir: string },
): Record<string, string | undefined> {
  return {
    ...env,
    LOG_LEVEL: unset(env.LOG_LEVEL) ? quietLogLevel : env.LOG_LEVEL,
    OPS_APP_DIR: unset(env.OPS_APP_DIR) ? options.opsDir : env.OPS_APP_DIR,
    TV_APP_DIR: unset(env.TV_APP_DIR) ? tvAppDistDir : env.TV_APP_DIR,
  };
}

/** The bridge's environment: the simulated box of the chosen holder's home, talking to this backend. */
export function bridgeEnvironment(
  env: Env,
  options: { backendUrl: string; pkiDir: string; boxDir: (holderId: string) => string },
): Record<string, string | undefined> {
  const holder = unset(env.BRIDGE_VIRTUAL_HOLDER) ? 'tanaka-hanako' : (env.BRIDGE_VIRTUAL_HOLDER as string);
  const { port } = new URL(options.backendUrl);
  const fill = (name: string, value: string) => (unset(env[name]) ? value : env[name]);
  return {
    ...env,
    BRIDGE_VIRTUAL_HOLDER: holder,
    BRIDGE_DATA_DIR: fill('BRIDGE_DATA_DIR', options.boxDir(holder)),
    BRIDGE_BACKEND_URL: fill('BRIDGE_BACKEND_URL', options.backendUrl),
    BRIDGE_VIRTUAL_PKI_DIR: fill('BRIDGE_VIRTUAL_PKI_DIR', options.pkiDir),
    // The TV app is served by this backend, so its pages have the backend's origin.
    BRIDGE_ALLOWED_ORIGINS: fill('BRIDGE_ALLOWED_ORIGINS', `${options.backendUrl},http://localhost:${port}`),
    BRIDGE_LOG_LEVEL: fill('BRIDGE_LOG_LEVEL', quietLogLevel),
  };
}

export function demoHouseholdCount(env: Env): number {
  const text = unset(env.DEMO_HOUSEHOLDS)
    ? String(defaultDemoHouseholdCount)
    : (env.DEMO_HOUSEHOLDS as string).trim();
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 3 || count > 100_000) {
    throw new StartUsageError(
      `DEMO_HOUSEHOLDS must be a whole number from 3 to 100000 (got ${JSON.stringify(text)})`,
    );
  }
  return count;
}

/** `--reset`: deletes the data folder, refusing any folder that holds the working directory, home or the repo. */
export async function resetDataDir(dataDir: string, cwd: string = process.cwd()): Promise<void> {
  const dir = resolve(dataDir);
  for (const guarded of [cwd, homedir(), repoDir, '/']) {
    const path = relative(dir, resolve(guarded));
    if (path === '' || path.split(sep)[0] !== '..') {
      throw new StartUsageError(`refusing to delete ${dir}: it contains ${resolve(guarded)}`);
    }
  }
  await rm(dir, { recursive: true, force: true });
}
