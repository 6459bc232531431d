// Bulk import of children's health records (backend/src/health): a municipality sends 100,000 children as FHIR
// R4 bundles of 10,000 children each (Patient + weight, height, head circumference + one immunisation = 5
// resources a child), each read and checked entry by entry, sealed (AES-GCM per row) and upserted in chunks
// (json_to_recordset, the next chunk sealed while the database writes the last) in one transaction per bundle,
// into PostgreSQL. Then the same again: a resend of every child with the same identifiers (corrections path).
// Timed: the server's work (JSON parse, checks, SHA-256, sealing, SQL), not the sender's serialisation. Target:
// under 60 s for 100,000. Besides wall time, the CPU time of this process and of the database's server
// processes (read from /proc when the server is local): on a shared host the wall time follows the load, the
// CPU time much less. Run alone: `npx tsx test/bench/health-import.ts`.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  createFieldCipher,
  createPostgresDatabase,
  createTempPostgresDatabase,
  migrate,
} from '@myna-tv/backend';
import { bundle, immunization, measurement, patient } from '../../backend/src/health/health-test-support.ts';
import { bundleSha256, readBundle, storeBundle } from '../../backend/src/health/index.ts';
import type { BenchResult } from './run.ts';

const cipher = createFieldCipher([{ id: 'bench', key: new Uint8Array(32).fill(3) }]);
const municipality = '363871';
const perBundle = 10_000;

function children(from: number, count: number, today: Date, weightOffset: number) {
  const resources: object[] = [];
  for (let n = from; n < from + count; n += 1) {
    const id = `c${String(n).padStart(7, '0')}`;
    const ageDays = 30 + (n % 1800);
    const birth = new Date(today.getTime() - ageDays * 86_400_000).toISOString().slice(0, 10);
    const at = new Date(today.getTime() - 10 * 86_400_000).toISOString();
    resources.push(
      patient(id, { municipality, birthDate: birth, gender: n % 2 === 0 ? 'female' : 'male' }),
      measurement(`${id}-w`, id, 'weight', 4 + (n % 150) / 10 + weightOffset, at),
      measurement(`${id}-h`, id, 'height', 55 + (n % 60), at),
      measurement(`${id}-hc`, id, 'head', 38 + (n % 12), at),
      immunization(`${id}-i`, id, { vaccine: 'hepb', dose: 1, at }),
    );
  }
  return bundle(...resources);
}

type BenchDb = Parameters<typeof storeBundle>[0];

/** CPU time (ms) of the database's server processes serving this database, or NaN when not readable here. */
async function serverCpuMs(db: BenchDb): Promise<number> {
  const pids = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  let ticks = 0;
  try {
    for (const { pid } of pids) {
      // Fields after the command name: utime and stime are the 12th and 13th (clock ticks, 100 Hz).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return Number.NaN;
  }
  return ticks * 10;
}

async function importAll(db: BenchDb, total: number, weightOffset: number) {
  const now = new Date();
  const today = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  let entries = 0;
  let ms = 0;
  let cpuMs = 0;
  let dbCpuMs = 0;
  for (let from = 0; from < total; from += perBundle) {
    // The sender's side (building and serialising) is not timed; the server's is: parse, check, seal, store.
    const text = JSON.stringify(children(from, perBundle, now, weightOffset));
    const dbCpuBefore = await serverCpuMs(db);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const body: unknown = JSON.parse(text);
    const read = readBundle(body, { municipality, today });
    if (read.problems.length > 0) throw new Error(`bench bundle refused: ${read.problems[0]?.message}`);
    const { summary } = await storeBundle(db, cipher, {
      municipality,
      source: 'bench',
      sha256: bundleSha256(text),
      bundle: read,
      now,
    });
    ms += performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMs += (cpu.user + cpu.system) / 1000;
    dbCpuMs += (await serverCpuMs(db)) - dbCpuBefore;
    entries += summary.entries;
  }
  return { ms, cpuMs, dbCpuMs, entries };
}

export async function benchHealthImport(): Promise<BenchResult> {
  const temp = await createTempPostgresDatabase();
  const db = createPostgresDatabase({ url: temp.url });
  const total = 100_000;
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? '?';
  try {
    await migrate(db);
    const first = await importAll(db, total, 0);
    const again = await importAll(db, total, 0.1);
    const [rows] = await db.query<{ children: number; entries: number }>(
      `SELECT (SELECT count(*)::int FROM health_children) AS children, (SELECT count(*)::int FROM health_entries) AS entries`,
    );
    return {
      name: "Health records: bulk import of children's FHIR records (PostgreSQL, sealed, chunked upserts)",
      figures: {
        [`${total} children (${first.entries} entries) in bundles of ${perBundle}: first import, s (target < 60)`]:
          (first.ms / 1000).toFixed(1),
        [`${total} children: resend with corrected weights (same ids, upsert), s`]: (again.ms / 1000).toFixed(
          1,
        ),
        'first import: CPU s of this process / of the database server (load-independent-ish)': `${(
          first.cpuMs / 1000
        ).toFixed(1)} / ${(first.dbCpuMs / 1000).toFixed(1)}`,
        'resend: CPU s of this process / of the database server': `${(again.cpuMs / 1000).toFixed(1)} / ${(
          again.dbCpuMs / 1000
        ).toFixed(1)}`,
        'host load average (1 min) at the start': loadAtStart,
        'children stored / entries stored': `${rows?.children} / ${rows?.entries}`,
        'host load average (1 min) at the end': os.loadavg()[0]?.toFixed(1) ?? '?',
      },
    };
  } finally {
    await db.close();
    await temp.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchHealthImport();
  console.log(result.name);
  for (const [k, v] of Object.entries(result.figures)) console.log(`- ${k}: ${v}`);
}
