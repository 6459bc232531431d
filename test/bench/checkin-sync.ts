// A terminal's journal of 10,000 check-in events synced to a backend node over HTTP (the node of the bridge
// tests: PGlite), in batches of 500, from an empty backend. Goal: under 10 s. The journal's own append rate
// (group commit, one fsync per burst) is reported beside it.
//   npx tsx test/bench/checkin-sync.ts [--events 10000]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CheckinJournal, JournalSync, TerminalBackendClient } from '@myna-tv/stb-bridge';
import { cardHolder } from '../shelter/support/card-holder.ts';
import { shelterA, startShelterBackend } from '../shelter/support/shelter-backend.ts';

export async function benchCheckinSync(
  options: { events?: number } = {},
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const { events = 10_000 } = options;
  const backend = await startShelterBackend();
  const dir = await mkdtemp(join(os.tmpdir(), 'bench-checkin-sync-'));
  const { journal } = await CheckinJournal.open(dir);
  try {
    const appendStarted = performance.now();
    for (let start = 1; start <= events; start += 100) {
      const burst = Math.min(100, events - start + 1);
      await Promise.all(
        Array.from({ length: burst }, (_, i) =>
          journal.append({ type: 'check-in', person: cardHolder(start + i), groupId: null }),
        ),
      );
    }
    const appendSeconds = (performance.now() - appendStarted) / 1000;
    const credential = await backend.enrolTerminal(shelterA);
    const sync = await JournalSync.open({
      journal,
      backend: new TerminalBackendClient({ urls: [backend.url], credential }),
      dir,
      batchSize: 500,
    });
    const started = performance.now();
    if (!(await sync.syncOnce())) throw new Error(`sync failed: ${JSON.stringify(sync.status)}`);
    const seconds = (performance.now() - started) / 1000;
    const stored = (await backend.storedEvents(credential.terminalId)).length;
    if (stored !== events) throw new Error(`backend holds ${stored} of ${events} events`);
    return {
      name: `Shelter journal sync: ${events} events, one terminal, batches of 500, backend on PGlite`,
      figures: {
        'sync seconds': round(seconds),
        'events/second synced': Math.round(events / seconds),
        'journal appends/second (bursts of 100, group commit)': Math.round(events / appendSeconds),
      },
    };
  } finally {
    await journal.close();
    await rm(dir, { recursive: true, force: true });
    await backend.close();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { events: { type: 'string' } } });
  const result = await benchCheckinSync(values.events ? { events: Number(values.events) } : {});
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
