import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';
import { toDbError } from './db-error.ts';
import { emptyClusterImage, forgetClusterImage } from './pglite-image.ts';
import { assertOutsideTransaction, runTransactionBody } from './transaction-scope.ts';
import { typeParsers } from './type-parsers.ts';

export interface PgliteDatabaseOptions {
  /** Folder holding the database files; omitted: in memory (tests), starting from a cached empty cluster. */
  dir?: string;
}

/** The embedded database: PostgreSQL compiled to WASM, in this process, one connection. */
export async function createPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  if (options.dir !== undefined) await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const pglite = await start(options.dir).catch((err: unknown) => {
    throw toDbError(err);
  });
  const root = queryable(pglite);
  const database: Database = {
    query(sql, params) {
      assertOutsideTransaction(database);
      return root.query(sql, params);
    },
    exec(sql) {
      assertOutsideTransaction(database);
      return root.exec(sql);
    },
    transaction(fn) {
      assertOutsideTransaction(database);
      // PGlite's own transaction(): holds its mutex, commits, or rolls back when the callback throws.
      return pglite
        .transaction((raw) => runTransactionBody(database, queryable(raw), fn))
        .catch((err: unknown) => {
          throw isDriverError(err) ? toDbError(err) : err;
        });
    },
    close: () => pglite.close(),
  };
  return database;
}

/** On disk: opened (or initialised) in place. In memory: loaded from the cached empty-cluster image. */
async function start(dir: string | undefined): Promise<PGlite> {
  if (dir !== undefined) return PGlite.create({ dataDir: dir, parsers: typeParsers });
  try {
    return await PGlite.create({ loadDataDir: await emptyClusterImage(), parsers: typeParsers });
  } catch {
    await forgetClusterImage();
    return PGlite.create({ loadDataDir: await emptyClusterImage(), parsers: typeParsers });
  }
}

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      try {
        const result = await target.query<T>(sql, params ? [...params] : undefined);
        return result.rows;
      } catch (err) {
        throw toDbError(err);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await target.exec(sql);
      } catch (err) {
        throw toDbError(err);
      }
    },
  };
}

/** PGlite's server errors carry a SQLSTATE and severity; anything else was thrown by the caller's callback. */
function isDriverError(err: unknown): boolean {
  const e = (err ?? {}) as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && typeof e.severity === 'string';
}
