// A private pcscd per test file, with one vpcd reader on a free TCP port, so card tests never share or
// depend on the system daemon.
//
// pcscd 1.9.9 (Debian 12) ignores PCSCLITE_CSOCK_NAME for its own socket (verified with strace: it always
// binds /run/pcscd/pcscd.comm); only libpcsclite clients honour it. So the daemon runs in a private mount
// namespace where a temp dir is bind-mounted over /run: its socket, pid file and udev view (empty, so no
// USB hotplug scan finds anything) all live in that dir, and clients reach it through PCSCLITE_CSOCK_NAME.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivatePcscd {
  /** Add to the environment of every PC/SC client (OpenSC tools, the pcsclite addon): `{ ...process.env, ...env }`. */
  env: { PCSCLITE_CSOCK_NAME: string };
  /** TCP port vpcd listens on for the virtual card (slot 0; vpcd also opens slot 1 on port + 1). */
  vpcdPort: number;
  /** PC/SC name of the reader the card appears in. */
  readerName: string;
  /** pcscd's log (info level), for failure messages. */
  log(): string;
  /**
   * Resolves once pcscd has noticed the card inserted (or removed) in the vpcd reader. pcscd polls the
   * reader, so this lags the VpcdLink's `connected` by up to a second or so.
   */
  waitForCard(present: boolean, timeoutMs?: number): Promise<void>;
  /** Stops pcscd and waits for it to exit; the socket stays valid for restart(). */
  restart(): Promise<void>;
  /** Stops pcscd, waits for it, removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export const VPCD_READER_NAME = 'Virtual PCD 00 00';
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const MAX_LOG = 200_000;

// Runs inside the private mount namespace. The loop is a watchdog: pcscd goes (and the temp dir with it)
// when the test process that started it is gone, even if that process was killed before it could clean up.
const LAUNCHER = `
mount --bind "$1" /run || exit 97
pcscd --foreground --info --config "$2" &
child=$!
trap 'kill -TERM $child 2>/dev/null' TERM INT
while kill -0 "$3" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
kill -TERM $child 2>/dev/null
wait $child
kill -0 "$3" 2>/dev/null || rm -rf "$4"
`;

/** Starts a private pcscd with a vpcd reader; retries on another port if vpcd could not bind its port. */
export async function startPcscd(): Promise<PrivatePcscd> {
  const dir = mkdtempSync(join(tmpdir(), 'myna-pcscd-'));
  const runDir = join(dir, 'run');
  const socketPath = join(runDir, 'pcscd', 'pcscd.comm');
  let log = '';
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async (): Promise<void> => {
    await mkdir(runDir, { recursive: true });
    const conf = join(dir, 'reader.conf');
    const hex = `0x${port.toString(16).toUpperCase()}`;
    writeFileSync(
      conf,
      `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:${hex}\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID ${hex}\n`,
    );
    const userns = process.getuid?.() === 0 ? [] : ['--user', '--map-root-user'];
    const args = [
      ...userns,
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      LAUNCHER,
      'sh',
      runDir,
      conf,
      String(process.pid),
      dir,
    ];
    const proc = spawn('unshare', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('pcscd did not become ready')), READY_TIMEOUT_MS);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(new Error(`${err.message}\n--- pcscd log ---\n${log}`));
      };
      const onOutput = (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-MAX_LOG);
        if (log.includes('Could not initialize connection to virtual ICC')) fail(new PortTakenError());
        else if (log.includes('daemon ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on('data', onOutput);
      proc.stderr?.on('data', onOutput);
      proc.once('exit', (code, signal) => fail(new Error(`pcscd exited early (${code ?? signal})`)));
      proc.once('error', fail);
    }).catch(async (err) => {
      await kill();
      throw err;
    });
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc?.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    signalGroup(proc.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(proc.pid as number, 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    signalGroup(proc.pid, 'SIGKILL'); // anything of the group still around (the watchdog's sleep)
  };
  const killNow = () => child?.pid !== undefined && signalGroup(child.pid, 'SIGKILL');
  process.once('exit', killNow);

  for (let attempt = 1; ; attempt++) {
    port = await freePortPair();
    try {
      await launch();
      break;
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt === 5) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  let stopped = false;
  return {
    env: { PCSCLITE_CSOCK_NAME: socketPath },
    vpcdPort: port,
    readerName: VPCD_READER_NAME,
    log: () => log,
    async waitForCard(present, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (cardPresent(log) !== present) {
        if (Date.now() > deadline)
          throw new Error(`pcscd did not see the card ${present ? 'inserted' : 'removed'}\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async restart() {
      await kill();
      log = '';
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await kill();
      process.off('exit', killNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reader's card state as pcscd last logged it (`Card inserted into` / `Card Removed From`). */
function cardPresent(log: string): boolean {
  return (
    log.lastIndexOf(`Card inserted into ${VPCD_READER_NAME}`) >
    log.lastIndexOf(`Card Removed From ${VPCD_READER_NAME}`)
  );
}

class PortTakenError extends Error {
  constructor() {
    super('vpcd could not listen on its port');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // group already gone
  }
}

/** A port P with P and P + 1 free on all interfaces (vpcd binds INADDR_ANY, two slots). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (
      port < 65535 &&
      (await listenOnce(port + 1).then(
        () => true,
        () => false,
      ))
    )
      return port;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : port));
    });
  });
}
