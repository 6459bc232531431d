import type { Database, Queryable } from './database.ts';
import { DbError } from './db-error.ts';
import { type Migration, readMigrations } from './migration-files.ts';

export interface MigrateOptions {
  /** Folder of `NNNN_<name>.sql` files; default: backend/src/db/migrations/. */
  dir?: string;
}

// One fixed advisory lock id ("Myna" in ASCII) serialises migrations across every process sharing the server.
const lockId = 0x4d796e61;

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Applies the migrations not yet in `schema_migrations`, in version order, each in its own transaction.
 * Safe when several processes start at once: each step holds a transaction-scoped advisory lock and re-checks
 * what is applied. Fails on an applied file that changed, and on an applied version this code lacks.
 * Resolves to the files it applied.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = await readMigrations(options.dir);
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied = await db.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations');
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = byVersion.get(row.version);
    if (!migration) {
      throw new DbError(
        'db.migration-unknown',
        `applied migration ${row.name} is not among this code's files`,
      );
    }
    checkUnchanged(migration, row);
  }
  const done = new Set(applied.map((row) => row.version));
  const newlyApplied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    if (await applyOne(db, migration)) newlyApplied.push(migration.file);
  }
  return newlyApplied;
}

async function applyOne(db: Database, migration: Migration): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lock(tx);
    // Another process may have applied it while this one waited for the lock.
    const [row] = await tx.query<AppliedRow>(
      'SELECT version, name, checksum FROM schema_migrations WHERE version = $1',
      [migration.version],
    );
    if (row) {
      checkUnchanged(migration, row);
      return false;
    }
    await tx.exec(migration.sql).catch((err: unknown) => {
      throw new DbError(
        'db.migration-failed',
        `migration ${migration.file} failed: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    });
    await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.file,
      migration.checksum,
    ]);
    return true;
  });
}

function lock(tx: Queryable): Promise<unknown> {
  return tx.query('SELECT pg_advisory_xact_lock($1)', [lockId]);
}

function checkUnchanged(migration: Migration, row: AppliedRow): void {
  if (row.checksum !== migration.checksum) {
    throw new DbError(
      'db.migration-changed',
      `migration ${migration.file} was changed after it was applied; add a new migration instead`,
    );
  }
}
