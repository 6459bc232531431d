// Check-ins per second the backend takes into PostgreSQL: main.ts in its own process on a temp database, 64
// shelter terminals enrolled, journal events sent over HTTP with bounded concurrency (keep-alive), first one
// event per request (terminals online, sending each tap as it happens), then batches of 100 (terminals
// catching up after an outage). Goal: ≥ 1,000 check-ins/s sustained.
//   npx tsx test/bench/checkin-ingest.ts [--single 10000] [--batched 50000] [--concurrency 16]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPostgresDatabase, createTempPostgresDatabase, enrolTerminal } from '@myna-tv/backend';
import { startBackendProcess } from '../server/support/backend-process.ts';
import { cardHolder } from '../shelter/support/card-holder.ts';
import { HttpClient } from './support/http-load.ts';
import { cpuOf } from './support/process-cpu.ts';

const terminalCount = 64;
const shelterId = 'E3638700058111';

export async function benchCheckinIngest(
  options: { single?: number; batched?: number; concurrency?: number } = {},
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const { single = 10_000, batched = 50_000, concurrency = 16 } = options;
  const temp = await createTempPostgresDatabase();
  const dataDir = await mkdtemp(join(os.tmpdir(), 'bench-checkin-ingest-'));
  const db = createPostgresDatabase({ url: temp.url });
  let backend: Awaited<ReturnType<typeof startBackendProcess>> | undefined;
  try {
    backend = await startBackendProcess({
      DATA_DIR: dataDir,
      DATABASE_URL: temp.url,
      FIELD_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
    });
    await db.query(
      `INSERT INTO shelters (id, local_government_code, kind, name, address, latitude, longitude, source,
         imported_at) VALUES ($1, '363871', 'evacuation-shelter', '日和佐小学校', '徳島県', 33.73, 134.53, 'bench', now())`,
      [shelterId],
    );
    const terminals: { headers: Record<string, string>; seq: number }[] = [];
    for (let t = 0; t < terminalCount; t++) {
      const { terminalId, secret } = await enrolTerminal(db, {
        shelterId,
        label: `bench ${t}`,
        actor: { id: 'bench', role: 'system', requestId: null },
        now: new Date(),
      });
      terminals.push({ headers: { authorization: `Terminal ${terminalId}.${secret}` }, seq: 0 });
    }
    const client = new HttpClient(backend.url, concurrency);
    let person = 0;
    const batchOf = (size: number, t: number) => {
      const terminal = terminals[t] as (typeof terminals)[number];
      const events = Array.from({ length: size }, () => ({
        id: randomUUID(),
        seq: ++terminal.seq,
        at: new Date().toISOString(),
        type: 'check-in',
        person: cardHolder(++person),
        groupId: null,
      }));
      return { headers: terminal.headers, body: { events } };
    };
    const send = (size: number) => async (i: number) => {
      const { headers, body } = batchOf(size, i % terminalCount);
      await client.post('/api/v1/shelter-terminals/me/events', headers, body, 200);
    };
    await client.run(terminalCount * 4, send(1)); // warm-up
    const pid = backend.child.pid;
    const cpu0 = await cpuOf(pid);
    const one = await client.run(single, send(1));
    const cpu1 = await cpuOf(pid);
    const hundred = await client.run(batched / 100, send(100));
    const cpu2 = await cpuOf(pid);
    const load = os.loadavg()[0] ?? 0;
    const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shelter_checkin_events');
    const expected = terminalCount * 4 + single + batched;
    if (stored[0]?.n !== expected) throw new Error(`stored ${stored[0]?.n} of ${expected} events`);
    client.close();
    return {
      name: `Check-in ingestion over HTTP: one backend process on PostgreSQL, ${terminalCount} terminals, concurrency ${concurrency}`,
      figures: {
        'check-ins/second, one per request': Math.round(single / one.seconds),
        'request p50 ms, one per request': round(one.percentile(50)),
        'request p99 ms, one per request': round(one.percentile(99)),
        'backend CPU ms per check-in, one per request': round(((cpu1 - cpu0) * 1000) / single, 100),
        'check-ins/second, batches of 100': Math.round(batched / hundred.seconds),
        'backend CPU ms per check-in, batches of 100': round(((cpu2 - cpu1) * 1000) / batched, 100),
        'request p50 ms, batches of 100': round(hundred.percentile(50)),
        'request p99 ms, batches of 100': round(hundred.percentile(99)),
        'load average (1 min) at the end': round(load),
      },
    };
  } finally {
    await backend?.stop();
    await db.close();
    await temp.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (value: number, per = 10) => Math.round(value * per) / per;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { single: { type: 'string' }, batched: { type: 'string' }, concurrency: { type: 'string' } },
  });
  const result = await benchCheckinIngest({
    ...(values.single ? { single: Number(values.single) } : {}),
    ...(values.batched ? { batched: Number(values.batched) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  });
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
