// The journal against SIGKILL: a terminal process checks in 1,000 card holders while syncing to a real backend
// and is killed at random points, restarted each time, until it is done; then the journal syncs. Every event
// the terminal reported done is in the backend, each once, numbered 1…1000 without a gap.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CheckinJournal, JournalSync, TerminalBackendClient } from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ShelterBackend, shelterA, startShelterBackend } from './support/shelter-backend.ts';

const writer = fileURLToPath(new URL('./support/checkin-writer.ts', import.meta.url));
const total = 1000;

let backend: ShelterBackend;
let dir: string;
beforeAll(async () => {
  backend = await startShelterBackend();
  dir = await mkdtemp(join(tmpdir(), 'myna-shelter-crash-'));
}, 180_000);
afterAll(async () => {
  await backend?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The writer opened its journal and starts checking in. */
  ready: Promise<void>;
}

function startWriter(args: string[], acknowledged: Map<number, string>, lines: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    if (line.startsWith('ready ')) markReady();
    const [word, seq, id] = line.split(' ');
    if (word === 'done' && seq !== undefined && id !== undefined) acknowledged.set(Number(seq), id);
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  void exited.then(markReady);
  return { child, exited, ready };
}

it('loses and doubles nothing when the terminal is killed at random points during 1,000 check-ins', async () => {
  const credential = await backend.enrolTerminal(shelterA);
  const args = [dir, String(total), backend.url, credential.terminalId, credential.secret];
  const acknowledged = new Map<number, string>();
  const lines: string[] = [];
  let kills = 0;
  for (;;) {
    const run = startWriter(args, acknowledged, lines);
    await run.ready;
    // Kill it somewhere in its work (appending, flushing, syncing), at most 8 times so that the test ends.
    const killAfter = kills < 8 ? Math.floor(Math.random() * 400) : undefined;
    const outcome = await Promise.race([
      run.exited.then((code) => ({ exited: code })),
      new Promise<{ exited?: undefined }>((resolve) => {
        if (killAfter !== undefined) setTimeout(() => resolve({}), killAfter);
      }),
    ]);
    if (outcome.exited !== undefined) {
      expect(outcome.exited).toBe(0);
      break;
    }
    // Only count a kill that happened while there was still work to do.
    if (run.child.exitCode === null) {
      run.child.kill('SIGKILL');
      kills++;
    }
    await run.exited;
  }
  expect(lines.at(-1)).toBe('finished');
  expect(kills).toBeGreaterThan(0);

  // Whatever the killed runs had not sent goes now.
  const { journal } = await CheckinJournal.open(dir);
  const sync = await JournalSync.open({
    journal,
    backend: new TerminalBackendClient({ urls: [backend.url], credential }),
    dir,
  });
  expect(await sync.syncOnce()).toBe(true);
  expect(sync.status.waiting).toBe(0);
  await journal.close();

  const stored = await backend.storedEvents(credential.terminalId);
  expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(new Set(stored.map((e) => e.id)).size).toBe(total);
  expect(new Set(stored.map((e) => e.person_key)).size).toBe(total);
  const storedIds = new Map(stored.map((e) => [e.seq, e.id]));
  for (const [seq, id] of acknowledged) expect(storedIds.get(seq)).toBe(id);
  expect(acknowledged.size).toBeGreaterThan(0);
}, 240_000);
