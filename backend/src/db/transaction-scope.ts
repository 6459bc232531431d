import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from './database.ts';
import { DbError } from './db-error.ts';

interface Scope {
  owner: object;
  open: boolean;
}

const current = new AsyncLocalStorage<Scope>();
/** Transactions open in this process, of any database. */
let openTransactions = 0;

/** Throws when `owner` (a Database) is used from inside one of its own open transactions. */
export function assertOutsideTransaction(owner: object): void {
  const scope = current.getStore();
  if (scope?.open && scope.owner === owner) {
    throw new DbError(
      'db.used-inside-transaction',
      'use the transaction handle `tx`, not the database, inside a transaction',
    );
  }
}

/**
 * The part of a transaction both implementations share: `raw` is the driver's open transaction; the callback
 * gets a handle that remembers failed statements (so a swallowed error still rolls back), refuses use after the
 * transaction ended, and marks the async scope so the database itself cannot be used by mistake.
 */
export async function runTransactionBody<T>(
  owner: object,
  raw: Queryable,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const scope: Scope = { owner, open: true };
  let failure: unknown;
  const track = async <R>(run: () => Promise<R>): Promise<R> => {
    if (!scope.open) throw new DbError('db.transaction-aborted', 'the transaction has already ended');
    try {
      return await run();
    } catch (err) {
      failure ??= err;
      throw err;
    }
  };
  const tx: Queryable = {
    query: (sql, params) => track(() => raw.query(sql, params)),
    exec: (sql) => track(() => raw.exec(sql)),
  };
  openTransactions += 1;
  try {
    const result = await current.run(scope, () => fn(tx));
    if (failure !== undefined) {
      throw new DbError(
        'db.transaction-aborted',
        'a statement in the transaction failed; nothing was committed',
        {
          cause: failure,
        },
      );
    }
    return result;
  } finally {
    scope.open = false;
    // On Node 20 an enabled AsyncLocalStorage runs a hook for every promise in the process (it doubles the
    // cost of an `await`), so it is on only while a transaction is open; `run` turns it on again, and a
    // context that missed the hook while it was off reads as outside a transaction, which it is.
    openTransactions -= 1;
    if (openTransactions === 0) current.disable();
  }
}
