import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { DbError } from './db-error.ts';
import { migrate } from './migrate.ts';
import { readMigrations } from './migration-files.ts';

/**
 * The behaviour every Database implementation must show, run by pglite-database.test.ts and
 * postgres-database.test.ts. `open` gives a new, empty database each call.
 */
export function runDatabaseCases(open: () => Promise<Database>): void {
  describe('queries and transactions', () => {
    let db: Database;
    beforeAll(async () => {
      db = await open();
      await db.exec(
        'CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL); CREATE TABLE counter (n int)',
      );
    });
    afterAll(() => db.close());

    const count = async (table: string) =>
      (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n;

    it('returns plain rows with the same JS types on every implementation', async () => {
      const [row] = await db.query(
        `SELECT 1::int4 AS i4, 9007199254740991::int8 AS i8, 1.50::numeric AS num, 0.5::float8 AS f8, true AS b,
           $1::text AS t, NULL::text AS nothing, '2024-03-01T09:00:00Z'::timestamptz AS tz, '2024-03-01'::date AS d,
           '2024-03-01 09:00:00'::timestamp AS ts, $2::jsonb AS j, '\\x00ff'::bytea AS bytes,
           ARRAY['a', 'b'] AS texts, ARRAY[1, NULL, 3]::int8[] AS longs, ARRAY[]::int8[] AS empty`,
        ['テキスト', JSON.stringify({ a: [1, 'x'] })],
      );
      expect(row).toEqual({
        i4: 1,
        i8: 9007199254740991,
        num: '1.50',
        f8: 0.5,
        b: true,
        t: 'テキスト',
        nothing: null,
        tz: new Date('2024-03-01T09:00:00Z'),
        d: '2024-03-01',
        ts: '2024-03-01 09:00:00',
        j: { a: [1, 'x'] },
        bytes: new Uint8Array([0, 255]),
        texts: ['a', 'b'],
        longs: [1, null, 3],
        empty: [],
      });
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    });

    it('takes Date, bytes and arrays as parameters', async () => {
      const at = new Date('2025-01-02T03:04:05.678Z');
      const [row] = await db.query<{ at: Date; bytes: Uint8Array; hit: boolean }>(
        'SELECT $1::timestamptz AS at, $2::bytea AS bytes, 2 = ANY($3::int[]) AS hit',
        [at, new Uint8Array([1, 2]), [1, 2]],
      );
      expect(row).toEqual({ at, bytes: new Uint8Array([1, 2]), hit: true });
    });

    it('refuses an int8 that a JS number cannot hold exactly', async () => {
      await expect(db.query('SELECT 9007199254740993::int8 AS big')).rejects.toMatchObject({
        code: 'db.value-out-of-range',
      });
    });

    it('reports server errors as DbError with SQLSTATE and constraint', async () => {
      await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
        code: 'db.query-failed',
        sqlState: '42P01',
      });
      await db.query('INSERT INTO item VALUES (1, $1)', ['one']);
      const err = await db.query('INSERT INTO item VALUES (1, $1)', ['again']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DbError);
      expect(err).toMatchObject({ code: 'db.query-failed', sqlState: '23505', constraint: 'item_pkey' });
    });

    it('commits a transaction as a whole and returns its result', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO item VALUES (10, $1)', ['ten']);
        const rows = await tx.query<{ id: number }>('INSERT INTO item VALUES (11, $1) RETURNING id', [
          'eleven',
        ]);
        return rows[0]?.id;
      });
      expect(result).toBe(11);
      expect(await db.query('SELECT name FROM item WHERE id >= 10 ORDER BY id')).toEqual([
        { name: 'ten' },
        { name: 'eleven' },
      ]);
    });

    it('rolls back everything when the callback throws, and rethrows its error unchanged', async () => {
      const failure = new Error('domain rule broken');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO counter VALUES (1)');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await count('counter')).toBe(0);
    });

    it('never commits when a statement failed, even if the callback caught the error', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO counter VALUES (1)');
          await tx.query('INSERT INTO item VALUES (1, $1)', ['duplicate']).catch(() => undefined);
          return 'looks fine';
        }),
      ).rejects.toMatchObject({ code: 'db.transaction-aborted', cause: { sqlState: '23505' } });
      expect(await count('counter')).toBe(0);
    });

    it('refuses the database handle inside its own transaction, and the handle after the end', async () => {
      let leaked: { query: (sql: string) => Promise<unknown> } | undefined;
      await expect(
        db.transaction(async (tx) => {
          leaked = tx;
          await db.query('SELECT 1');
        }),
      ).rejects.toMatchObject({ code: 'db.used-inside-transaction' });
      await expect(leaked?.query('SELECT 1')).rejects.toMatchObject({ code: 'db.transaction-aborted' });
    });

    it('never shows another caller uncommitted rows', async () => {
      let inserted!: () => void;
      const insertedNow = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const tx = db.transaction(async (t) => {
        await t.query('INSERT INTO counter VALUES (7)');
        inserted();
        await finished;
        throw new Error('roll back');
      });
      await insertedNow;
      // PostgreSQL answers at once from another connection; PGlite waits for the transaction to end.
      const outside = count('counter');
      finish();
      await expect(tx).rejects.toThrow('roll back');
      expect(await outside).toBe(0);
    });

    it('runs several statements with exec', async () => {
      await db.exec('INSERT INTO counter VALUES (1); INSERT INTO counter VALUES (2);');
      expect(await count('counter')).toBe(2);
    });

    it("applies the backend's own migrations, once", async () => {
      const files = (await readMigrations()).map((m) => m.file);
      expect(await migrate(db)).toEqual(files);
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ name: string; checksum: string }>(
        'SELECT name, checksum FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.name)).toEqual(files);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    });
  });

  describe('migration runner', () => {
    let db: Database;
    let dir: string;
    const file = (name: string, sql: string) => writeFile(join(dir, name), sql);
    beforeAll(async () => {
      db = await open();
      dir = await mkdtemp(join(tmpdir(), 'myna-migrations-'));
    });
    afterAll(async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('applies every file in version order, each once', async () => {
      await file('0002_second.sql', 'INSERT INTO first (n) VALUES (2);');
      await file('0001_first.sql', 'CREATE TABLE first (n int);\nINSERT INTO first (n) VALUES (1);');
      await file('README.txt', 'not a migration');
      expect(await migrate(db, { dir })).toEqual(['0001_first.sql', '0002_second.sql']);
      expect(await migrate(db, { dir })).toEqual([]);
      await file('0003_third.sql', 'INSERT INTO first (n) VALUES (3);');
      expect(await migrate(db, { dir })).toEqual(['0003_third.sql']);
      expect(await db.query('SELECT n FROM first ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    });

    it('rolls back a failing migration whole and keeps the earlier ones', async () => {
      await file('0004_broken.sql', 'CREATE TABLE half (n int);\nINSERT INTO nowhere VALUES (1);');
      await expect(migrate(db, { dir })).rejects.toMatchObject({
        code: 'db.migration-failed',
        cause: { sqlState: '42P01' },
      });
      expect(await db.query("SELECT to_regclass('half') AS half")).toEqual([{ half: null }]);
      expect(await db.query('SELECT max(version) AS v FROM schema_migrations')).toEqual([{ v: 3 }]);
      await rm(join(dir, '0004_broken.sql'));
    });

    it('refuses an applied file that was changed', async () => {
      await file('0002_second.sql', 'INSERT INTO first (n) VALUES (22);');
      await expect(migrate(db, { dir })).rejects.toMatchObject({ code: 'db.migration-changed' });
      await file('0002_second.sql', 'INSERT INTO first (n) VALUES (2);');
    });

    it('refuses a database that has a migration this code lacks', async () => {
      await rm(join(dir, '0003_third.sql'));
      await expect(migrate(db, { dir })).rejects.toMatchObject({ code: 'db.migration-unknown' });
    });

    it('refuses badly named and duplicate migration files', async () => {
      const other = await mkdtemp(join(tmpdir(), 'myna-migrations-'));
      try {
        await writeFile(join(other, '5_bad.sql'), '');
        await expect(migrate(db, { dir: other })).rejects.toMatchObject({ code: 'db.migration-invalid' });
        await rm(join(other, '5_bad.sql'));
        await writeFile(join(other, '0001_a.sql'), '');
        await writeFile(join(other, '0001_b.sql'), '');
        await expect(migrate(db, { dir: other })).rejects.toMatchObject({ code: 'db.migration-invalid' });
      } finally {
        await rm(other, { recursive: true, force: true });
      }
    });
  });
}
