import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { DbError, toDbError } from './db-error.ts';
import { assertOutsideTransaction, runTransactionBody } from './transaction-scope.ts';
import { typeParsers } from './type-parsers.ts';

export interface PostgresDatabaseOptions {
  /** `postgres://user@host:port/database` */
  url: string;
  /** Most connections held open at once. */
  poolSize?: number;
}

const types = {
  getTypeParser: (oid: number, format?: string) =>
    (format ?? 'text') === 'text' && typeParsers[oid]
      ? typeParsers[oid]
      : pg.types.getTypeParser(oid, format as 'text'),
} as pg.CustomTypesConfig;

/**
 * A PostgreSQL server through a node-postgres pool. A dropped connection (server restart, admin kill) fails
 * only the statement or transaction using it, with `db.unavailable`; the pool then opens fresh connections.
 */
export function createPostgresDatabase(options: PostgresDatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'myna-tv-backend',
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // An idle pooled connection that dies emits here; without a listener Node would crash the process.
  // The pool has already dropped that connection, so there is nothing else to do.
  pool.on('error', () => {});

  /** Checks out one connection for `use`; a connection that failed at the socket level is destroyed. */
  async function withClient<T>(
    use: (client: pg.PoolClient, markBroken: (err: unknown) => void) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect().catch((err: unknown) => {
      throw toDbError(err);
    });
    // While checked out, the pool does not listen: a connection killed between statements would emit
    // 'error' with no listener and crash the process. Remember it instead; the next statement fails anyway.
    let lost: unknown;
    const markBroken = (err: unknown) => {
      lost ??= err;
    };
    client.on('error', markBroken);
    try {
      return await use(client, markBroken);
    } catch (err) {
      if (err instanceof DbError && (err.code === 'db.unavailable' || err.code === 'db.commit-uncertain')) {
        markBroken(err);
      }
      throw err;
    } finally {
      client.off('error', markBroken);
      // A truthy argument makes the pool destroy the connection instead of reusing it.
      client.release(lost === undefined ? false : toDbError(lost));
    }
  }

  const database: Database = {
    query(sql, params) {
      assertOutsideTransaction(database);
      return withClient((client) => queryable(client).query(sql, params));
    },
    exec(sql) {
      assertOutsideTransaction(database);
      return withClient((client) => queryable(client).exec(sql));
    },
    transaction(fn) {
      assertOutsideTransaction(database);
      return withClient(async (client, markBroken) => {
        const raw = queryable(client);
        await raw.exec('BEGIN');
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await runTransactionBody(database, raw, fn);
        } catch (err) {
          // On a dead connection the server has already rolled back and this fails too; either way the
          // connection's state is unknown, so it is not reused.
          await raw.exec('ROLLBACK').catch(markBroken);
          throw err;
        }
        await raw.exec('COMMIT').catch((err: DbError) => {
          if (err.code !== 'db.unavailable') throw err;
          throw new DbError('db.commit-uncertain', 'connection lost during COMMIT; the outcome is unknown', {
            cause: err,
          });
        });
        return result;
      });
    },
    close: () => pool.end(),
  };
  return database;
}

/**
 * Statements with parameters run as named prepared statements: PostgreSQL parses and plans a text once per
 * connection instead of on every call (a card login: half the database CPU). The backend's SQL texts are a
 * fixed set; past `maxPreparedTexts` distinct ones (SQL built from data by mistake, say) the rest run
 * unnamed, so neither the server's nor the driver's statement cache grows without bound.
 */
const maxPreparedTexts = 2000;
const statementNames = new Map<string, string>();

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < maxPreparedTexts) {
    name = `myna_${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
}

function queryable(client: pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      try {
        const values = params ? [...params] : undefined;
        // Without parameters node-postgres keeps the simple protocol (several statements allowed), as before.
        const name = values?.length ? statementName(sql) : undefined;
        const result = await client.query(name ? { name, text: sql, values } : { text: sql, values });
        return result.rows as T[];
      } catch (err) {
        throw toDbError(err);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        // Without parameters node-postgres uses the simple protocol, which accepts several statements.
        await client.query(sql);
      } catch (err) {
        throw toDbError(err);
      }
    },
  };
}
