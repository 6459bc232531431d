import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TempPostgresDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** The server the tests use (scripts/setup-system starts one where none runs). */
export const testPostgresUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a uniquely named database (`myna_test_<hex>`) for one test file on a real PostgreSQL server. */
export async function createTempPostgresDatabase(
  adminUrl: string = testPostgresUrl,
): Promise<TempPostgresDatabase> {
  const name = `myna_test_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
