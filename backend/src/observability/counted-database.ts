// The same database, counting the operations (statements and transactions) under way: more of them than the
// pool has connections means requests are queueing for the database. The driver's own rules (transaction
// scope checks, error mapping) are untouched: every call goes straight to it.
import type { Database, Queryable } from '../db/index.ts';

export interface CountedDatabase {
  db: Database;
  inFlight(): number;
}

export function countOperations(inner: Database): CountedDatabase {
  let inFlight = 0;
  const counted = async <T>(run: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    try {
      return await run();
    } finally {
      inFlight -= 1;
    }
  };
  return {
    db: {
      query<T>(sql: string, params?: readonly unknown[]) {
        return counted(() => inner.query<T>(sql, params));
      },
      exec: (sql) => counted(() => inner.exec(sql)),
      transaction<T>(fn: (tx: Queryable) => Promise<T>) {
        return counted(() => inner.transaction(fn));
      },
      close: () => inner.close(),
    },
    inFlight: () => inFlight,
  };
}
