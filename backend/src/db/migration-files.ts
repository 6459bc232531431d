import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DbError } from './db-error.ts';

export interface Migration {
  version: number;
  /** File name, e.g. `0002_identity.sql`. */
  file: string;
  sql: string;
  /** SHA-256 of the file, hex: an applied migration must never change. */
  checksum: string;
}

/** backend/src/db/migrations/: every feature adds its next `NNNN_<name>.sql` here. */
export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

const fileName = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** Reads every migration in `dir`, in version order; a stray `.sql` file or a reused version is an error. */
export async function readMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql'));
  const migrations: Migration[] = [];
  const seen = new Map<number, string>();
  for (const file of files) {
    const match = fileName.exec(file);
    if (!match?.[1]) {
      throw new DbError(
        'db.migration-invalid',
        `migration file ${file} is not named NNNN_lower_snake_name.sql`,
      );
    }
    const version = Number(match[1]);
    const other = seen.get(version);
    if (other !== undefined) {
      throw new DbError('db.migration-invalid', `migrations ${other} and ${file} share version ${version}`);
    }
    seen.set(version, file);
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({ version, file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations.sort((a, b) => a.version - b.version);
}
