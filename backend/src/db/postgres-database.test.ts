import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDatabaseCases } from './database.case.test.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { createPostgresDatabase } from './postgres-database.ts';
import { createTempPostgresDatabase, type TempPostgresDatabase } from './temp-postgres-database.ts';

const temps: TempPostgresDatabase[] = [];
async function newDatabaseUrl(): Promise<string> {
  const temp = await createTempPostgresDatabase();
  temps.push(temp);
  return temp.url;
}
afterAll(() => Promise.all(temps.map((temp) => temp.drop())));

runDatabaseCases(async () => createPostgresDatabase({ url: await newDatabaseUrl() }));

describe('PostgreSQL connection loss', () => {
  let db: Database;
  let admin: pg.Client;
  beforeAll(async () => {
    const url = await newDatabaseUrl();
    db = createPostgresDatabase({ url });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await db.exec('CREATE TABLE entry (n int)');
  });
  afterAll(async () => {
    await db.close();
    await admin.end();
  });

  const backendSessions = `FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'myna-tv-backend'`;

  /** What a server restart does to the backend: every one of its connections ends, from the server side. */
  async function terminateBackendConnections(): Promise<number> {
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) ${backendSessions}`);
    await vi.waitFor(async () => {
      const { rows } = await admin.query(`SELECT count(*)::int AS n ${backendSessions}`);
      expect(rows[0].n).toBe(0);
    });
    // Each backend wrote its termination notice before exiting, so it is already in this process's socket
    // buffers; one turn of the event loop lets the pool read them and drop those connections. (A query sent
    // in the very same turn would race the notice and fail with db.unavailable, as a statement cut off does.)
    await new Promise((resolve) => setImmediate(resolve));
    return killed.rowCount ?? 0;
  }

  it('answers the next query after its idle connections were terminated', async () => {
    await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
    expect(await terminateBackendConnections()).toBe(2);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('fails a statement cut off mid-way with db.unavailable, then recovers', async () => {
    // Caught at once: it fails while the termination below is still being awaited.
    const slow = db.query('SELECT pg_sleep(10)').catch((err: unknown) => err);
    await vi.waitFor(async () => {
      const { rows } = await admin.query(`SELECT count(*)::int AS n ${backendSessions} AND state = 'active'`);
      expect(rows[0].n).toBe(1);
    });
    await terminateBackendConnections();
    expect(await slow).toMatchObject({ code: 'db.unavailable', sqlState: '57P01' });
    expect(await db.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('leaves nothing behind of a transaction whose connection was cut between statements', async () => {
    const cutOff = db.transaction(async (tx) => {
      await tx.query('INSERT INTO entry VALUES (1)');
      await terminateBackendConnections();
      await tx.query('INSERT INTO entry VALUES (2)');
    });
    await expect(cutOff).rejects.toMatchObject({ code: 'db.unavailable' });
    expect(await db.query('SELECT count(*) AS n FROM entry')).toEqual([{ n: 0 }]);
    await db.transaction((tx) => tx.query('INSERT INTO entry VALUES (3)'));
    expect(await db.query('SELECT n FROM entry')).toEqual([{ n: 3 }]);
  });
});

describe('PostgreSQL migrations from two processes at once', () => {
  it('applies each migration exactly once', async () => {
    const url = await newDatabaseUrl();
    const dir = await mkdtemp(join(tmpdir(), 'myna-migrations-'));
    const [a, b] = [createPostgresDatabase({ url }), createPostgresDatabase({ url })];
    try {
      // The sleep keeps the first migration open long enough for the other process to arrive.
      await writeFile(join(dir, '0001_log.sql'), 'CREATE TABLE log (n int); SELECT pg_sleep(0.3);');
      await writeFile(join(dir, '0002_two.sql'), 'INSERT INTO log VALUES (2);');
      await writeFile(join(dir, '0003_three.sql'), 'INSERT INTO log VALUES (3);');
      const applied = await Promise.all([migrate(a, { dir }), migrate(b, { dir })]);
      expect(applied.flat().sort()).toEqual(['0001_log.sql', '0002_two.sql', '0003_three.sql']);
      expect(await a.query('SELECT n FROM log ORDER BY n')).toEqual([{ n: 2 }, { n: 3 }]);
    } finally {
      await Promise.all([a.close(), b.close(), rm(dir, { recursive: true, force: true })]);
    }
  });
});
