import { join } from 'node:path';
import type { Config } from '../config/config-schema.ts';
import type { Database } from './database.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

/** The one place that picks the database: the PostgreSQL server in DATABASE_URL, else PGlite in DATA_DIR/db. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>,
): Promise<Database> {
  if (config.databaseUrl !== undefined) {
    return createPostgresDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize });
  }
  return createPgliteDatabase({ dir: join(config.dataDir, 'db') });
}
