// `npm start`: the whole product on embedded defaults in one process — the backend (PGlite in DATA_DIR, the
// development JPKI, push), the demo town 美波町 with its card holders registered, the operations dashboard at
// /ops/, the TV app at /tv/ (built when missing), and one simulated set-top box with a virtual card. Prints a
// line per step and a summary of URLs and demo logins; Ctrl-C stops everything. `npm start -- --help`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigError,
  createBlindIndex,
  createFieldCipher,
  type HolderProfile,
  loadConfig,
  loadDevPki,
  loadFieldKeys,
  seedDemo,
} from '@myna-tv/backend';
import { BridgeConfigError, createJsonLogger, loadBridgeConfig, startBridge } from '@myna-tv/stb-bridge';
import { buildOpsDashboard } from '../backend/ops/build-ops.ts';
import { createLogger } from '../backend/src/observability/index.ts';
import { startBackend } from '../backend/src/server/index.ts';
import { buildTvApp } from '../tv-app/build/build-tv-app.ts';
import { boxDir, boxKeeper, registerDemoHolders } from './start/demo-boxes.ts';
import { demoShelter, startDemoShelterTerminal } from './start/demo-shelter-terminal.ts';
import {
  backendEnvironment,
  bridgeEnvironment,
  demoHouseholdCount,
  parseStartFlags,
  resetDataDir,
  StartUsageError,
  startSettings,
  tvAppDistDir,
} from './start/start-options.ts';
import { describeSeed, formatSummary } from './start/summary.ts';

const print = (text: string) => process.stdout.write(`${text}\n`);
const running: { close(): Promise<unknown> }[] = [];
let stopping = false;

class Stopped extends Error {}

async function step<T>(label: string, run: () => Promise<T>, result?: (value: T) => string): Promise<T> {
  if (stopping) throw new Stopped();
  print(`▸ ${label}…`);
  const started = performance.now();
  const value = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  print(`  ${result ? result(value) : 'done'} (${seconds} s)`);
  return value;
}

async function stop(exitCode: number): Promise<never> {
  for (const part of running.splice(0).reverse()) await part.close().catch(() => undefined);
  process.exit(exitCode);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) process.exit(1);
  stopping = true;
  print(`\n${signal}: stopping…`);
  // While starting, the current step finishes and the next one throws Stopped.
  if (started) void stop(0);
}

function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof BridgeConfigError) {
    return error.issues.map((issue) => `  ${issue.env} ${issue.message}`).join('\n');
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `  a port is in use (${(error as Error).message}); set PORT or BRIDGE_PORT`;
  let text = `  ${(error as Error).message ?? String(error)}`;
  for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) {
    text += `\n  caused by: ${cause.message}`;
  }
  return text;
}

function usage(): string {
  const rows = startSettings.map((s) => `  ${s.env.padEnd(18)}${s.doc} Default: ${s.default}.`);
  return [
    'usage: npm start [-- --reset]',
    '',
    '  --reset           delete DATA_DIR first and start clean',
    '',
    'Settings of npm start (environment); the backend takes those of docs/configuration.md, the bridge its',
    'BRIDGE_* settings (npx tsx stb-bridge/src/main.ts --help):',
    ...rows,
  ].join('\n');
}

let started = false;
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const flags = parseStartFlags(process.argv.slice(2));
  if (flags.help) {
    print(usage());
    process.exit(0);
  }
  const householdCount = demoHouseholdCount(process.env);
  const opsDir = process.env.OPS_APP_DIR?.trim()
    ? process.env.OPS_APP_DIR
    : await step(
        'Building the ops dashboard',
        () => buildOpsDashboard(),
        (dir) => `built into ${dir}`,
      );
  if (!process.env.TV_APP_DIR?.trim() && !existsSync(join(tvAppDistDir, 'index.html'))) {
    await step(
      'Building the TV app (first start)',
      () => buildTvApp(),
      () => `built into ${tvAppDistDir}`,
    );
  }
  const config = loadConfig(backendEnvironment(process.env, { opsDir }));
  if (flags.reset) await step(`Deleting ${config.dataDir} (--reset)`, () => resetDataDir(config.dataDir));

  const backend = await step(
    'Starting the backend: database and migrations, development JPKI, push gateway',
    () => startBackend({ config, logger: createLogger({ level: config.logLevel }) }),
    (b) => `listening on ${b.url}`,
  );
  running.push(backend);

  const fieldKeys = await loadFieldKeys(config);
  const cipher = createFieldCipher(fieldKeys);
  await step(
    'Seeding the demo town 美波町 (363871): shelters, households and their boxes, operator accounts, an insurer',
    () =>
      seedDemo(backend.db, {
        cipher,
        blindIndex: createBlindIndex(fieldKeys, 'resident-basic-info'),
        now: new Date(),
        boxes: boxKeeper(config.dataDir),
        householdCount,
      }),
    describeSeed,
  );

  // The card holders exist only in the development JPKI (OCSP_URL unset).
  const holders: HolderProfile[] = config.ocspUrl ? [] : (await loadDevPki(config.jpkiPkiDir)).holders;
  await step(
    'Registering the demo card holders as residents of their homes (virtual cards, real signatures)',
    () =>
      registerDemoHolders({
        dataDir: config.dataDir,
        pkiDir: config.jpkiPkiDir,
        backendUrl: backend.url,
        holders,
      }),
    (results) =>
      results.map((r) => `${r.holderId} ${r.registered ? 'registered' : 'already registered'}`).join(', ') ||
      'none (OCSP_URL is set: no development JPKI)',
  );

  const bridgeConfig = loadBridgeConfig(
    bridgeEnvironment(process.env, {
      backendUrl: backend.url,
      pkiDir: config.jpkiPkiDir,
      boxDir: (holderId) => boxDir(config.dataDir, holderId),
    }),
  );
  const bridge = await step(
    `Starting the simulated set-top box (${bridgeConfig.reader} reader, card of ${bridgeConfig.virtualHolder})`,
    () =>
      startBridge({
        ...bridgeConfig,
        logger: createJsonLogger({
          write: (line) => process.stdout.write(line),
          level: bridgeConfig.logLevel,
        }),
      }),
    (b) => `local API on ${b.url}`,
  );
  running.push(bridge);

  // The shelter check-in terminal needs the development JPKI (its virtual card, the CA it pins).
  if (holders.length > 0) {
    const terminal = await step(
      `Starting the simulated shelter terminal (${demoShelter.name}, virtual card of ${demoShelter.holder})`,
      () =>
        startDemoShelterTerminal({
          dataDir: config.dataDir,
          backendUrl: backend.url,
          pkiDir: config.jpkiPkiDir,
          // Beside the box's port (8090 → 8092), or a free one when the box takes a free one.
          port: bridgeConfig.port === 0 ? 0 : bridgeConfig.port + 2,
          logger: createJsonLogger({
            write: (line) => process.stdout.write(line),
            level: bridgeConfig.logLevel,
          }),
          logLevel: bridgeConfig.logLevel,
        }),
      (t) =>
        `staff page on ${t.deskUrl} (${t.enrolled ? 'enrolled by demo-admin' : 'enrolled before'}, shelter ${demoShelter.id})`,
    );
    running.push(terminal);
  }

  print(
    formatSummary({
      backendUrl: backend.url,
      bridgeUrl: bridge.url,
      bridgeHolder: bridgeConfig.virtualHolder,
      ocspUrl: config.ocspUrl ?? `${backend.url}/dev-jpki/ocsp`,
      tvApp: config.tvAppDir === tvAppDistDir ? 'built' : 'configured',
      database: config.databaseUrl ? 'postgresql' : 'pglite',
      dataDir: config.dataDir,
      holders,
    }),
  );
  started = true;
  if (stopping) await stop(0);
} catch (error) {
  if (error instanceof Stopped) await stop(0);
  if (error instanceof StartUsageError) {
    print(error.message);
    process.exit(2);
  }
  print(`\nnpm start failed:\n${explain(error)}`);
  await stop(1);
}
