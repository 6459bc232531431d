export type { Database, Queryable, Row } from './database.ts';
export { DbError, type DbErrorCode } from './db-error.ts';
export { type MigrateOptions, migrate } from './migrate.ts';
export { type Migration, migrationsDir, readMigrations } from './migration-files.ts';
export { openDatabase } from './open-database.ts';
export { createPgliteDatabase, type PgliteDatabaseOptions } from './pglite-database.ts';
export { createPostgresDatabase, type PostgresDatabaseOptions } from './postgres-database.ts';
export {
  createTempPostgresDatabase,
  type TempPostgresDatabase,
  testPostgresUrl,
} from './temp-postgres-database.ts';
