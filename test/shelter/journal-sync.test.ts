// The terminal's journal syncing to a real backend over HTTP: check-ins made offline are kept, counted as
// waiting and sent when the backend comes back; a sync cut halfway resumes without loss or duplicates; two
// terminals offline at two shelters tapping the same person end with that person at one shelter.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendUnreachable,
  CheckinJournal,
  JournalSync,
  syncStateFileName,
  type TerminalBackend,
  TerminalBackendClient,
} from '@myna-tv/stb-bridge';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SwitchableProxy, startSwitchableProxy } from '../bridge/support/switchable-proxy.ts';
import { cardHolder } from './support/card-holder.ts';
import { type ShelterBackend, shelterA, shelterB, startShelterBackend } from './support/shelter-backend.ts';

let backend: ShelterBackend;
let proxy: SwitchableProxy;
beforeAll(async () => {
  backend = await startShelterBackend();
  proxy = await startSwitchableProxy(backend.url);
}, 180_000);
afterAll(async () => {
  await proxy?.close();
  await backend?.close();
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-shelter-sync-'));
});
afterEach(async () => {
  await proxy.up();
  await rm(dir, { recursive: true, force: true });
});

interface Terminal {
  terminalId: string;
  dir: string;
  client: TerminalBackend;
}

async function enrol(shelterId: string, name: string): Promise<Terminal> {
  const credential = await backend.enrolTerminal(shelterId);
  return {
    terminalId: credential.terminalId,
    dir: join(dir, name),
    client: new TerminalBackendClient({ urls: [proxy.url], credential, timeoutMs: 5000 }),
  };
}

async function open(terminal: Terminal, backendOverride?: TerminalBackend) {
  const { journal } = await CheckinJournal.open(terminal.dir);
  const sync = await JournalSync.open({
    journal,
    backend: backendOverride ?? terminal.client,
    dir: terminal.dir,
    batchSize: 100,
    minRetryMs: 20,
    maxRetryMs: 100,
    heartbeatMs: 60_000,
  });
  return { journal, sync };
}

const storedSeqs = async (terminal: Terminal) =>
  (await backend.storedEvents(terminal.terminalId)).map((e) => e.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('journal sync', () => {
  it('keeps check-ins made offline across a restart, shows them waiting, sends them when back', async () => {
    const terminal = await enrol(shelterA, 'offline');
    await proxy.down();
    const first = await open(terminal);
    for (let n = 1; n <= 5; n++) {
      await first.journal.append({ type: 'check-in', person: cardHolder(n), groupId: null });
    }
    expect(await first.sync.syncOnce()).toBe(false);
    expect(first.sync.status).toMatchObject({ online: false, waiting: 5, storedThrough: 0 });
    await first.journal.close();

    const second = await open(terminal);
    expect(second.sync.status).toMatchObject({ online: null, waiting: 5 });
    await proxy.up();
    expect(await second.sync.syncOnce()).toBe(true);
    expect(second.sync.status).toMatchObject({ online: true, waiting: 0, storedThrough: 5 });
    expect(await storedSeqs(terminal)).toEqual(oneTo(5));
    await second.journal.close();
  });

  it('runs on its own: sends new events, goes offline and comes back', async () => {
    const terminal = await enrol(shelterA, 'loop');
    const { journal, sync } = await open(terminal);
    const seen: boolean[] = [];
    sync.onStatus((s) => {
      if (s.online !== null && seen.at(-1) !== s.online) seen.push(s.online);
    });
    sync.start();
    try {
      await journal.append({ type: 'check-in', person: cardHolder(11), groupId: null });
      sync.poke();
      await vi.waitFor(() => expect(sync.status).toMatchObject({ online: true, waiting: 0 }), {
        timeout: 10_000,
      });
      await proxy.down();
      await journal.append({ type: 'check-in', person: cardHolder(12), groupId: null });
      sync.poke();
      await vi.waitFor(() => expect(sync.status).toMatchObject({ online: false, waiting: 1 }), {
        timeout: 10_000,
      });
      await proxy.up();
      await vi.waitFor(() => expect(sync.status).toMatchObject({ online: true, waiting: 0 }), {
        timeout: 10_000,
      });
      expect(seen).toEqual([true, false, true]);
      expect(await storedSeqs(terminal)).toEqual([1, 2]);
    } finally {
      await sync.stop();
      await journal.close();
    }
  });

  it('resumes a sync cut halfway (the backend stored a batch, the answer was lost): nothing lost or doubled', async () => {
    const terminal = await enrol(shelterA, 'cut');
    let calls = 0;
    const losesSecondAnswer: TerminalBackend = {
      storedThrough: () => terminal.client.storedThrough(),
      async sendEvents(events) {
        const receipt = await terminal.client.sendEvents(events);
        calls++;
        if (calls === 2) throw new BackendUnreachable('connection cut before the answer');
        return receipt;
      },
    };
    const { journal, sync } = await open(terminal, losesSecondAnswer);
    for (let n = 1; n <= 350; n++) {
      await journal.append({ type: 'check-in', person: cardHolder(1000 + n), groupId: null });
    }
    expect(await sync.syncOnce()).toBe(false);
    expect(sync.status).toMatchObject({ storedThrough: 100, waiting: 250 });
    expect(await sync.syncOnce()).toBe(true);
    expect(sync.status).toMatchObject({ storedThrough: 350, waiting: 0 });
    expect(await storedSeqs(terminal)).toEqual(oneTo(350));
    await journal.close();
  });

  it('takes the resume point from the backend when its own state file is lost', async () => {
    const terminal = await enrol(shelterA, 'lost-state');
    const first = await open(terminal);
    for (let n = 1; n <= 3; n++)
      await first.journal.append({ type: 'check-in', person: cardHolder(2000 + n), groupId: null });
    expect(await first.sync.syncOnce()).toBe(true);
    await first.journal.close();
    await rm(join(terminal.dir, syncStateFileName));

    let sent = 0;
    const counting: TerminalBackend = {
      storedThrough: () => terminal.client.storedThrough(),
      sendEvents: (events) => {
        sent += events.length;
        return terminal.client.sendEvents(events);
      },
    };
    const second = await open(terminal, counting);
    expect(second.sync.status.waiting).toBe(3);
    expect(await second.sync.syncOnce()).toBe(true);
    expect(second.sync.status.waiting).toBe(0);
    expect(sent).toBe(0);
    await second.journal.close();
  });

  it('puts a person tapped by two offline terminals at two shelters where the later tap was', async () => {
    const a = await enrol(shelterA, 'two-a');
    const b = await enrol(shelterB, 'two-b');
    const atA = await open(a);
    const atB = await open(b);
    await proxy.down();
    const person = cardHolder(3001);
    await atA.journal.append({ type: 'check-in', person, groupId: null });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await atB.journal.append({ type: 'check-in', person, groupId: null });
    const before = { a: await backend.peopleAt(shelterA), b: await backend.peopleAt(shelterB) };
    await proxy.up();
    // The later tap arrives first.
    expect(await atB.sync.syncOnce()).toBe(true);
    expect(await atA.sync.syncOnce()).toBe(true);
    expect(await backend.peopleAt(shelterA)).toBe(before.a);
    expect(await backend.peopleAt(shelterB)).toBe(before.b + 1);
    // The same person tapped again at B counts once.
    await atB.journal.append({ type: 'check-in', person, groupId: null });
    expect(await atB.sync.syncOnce()).toBe(true);
    expect(await backend.peopleAt(shelterB)).toBe(before.b + 1);
    await atA.journal.close();
    await atB.journal.close();
  });
});
