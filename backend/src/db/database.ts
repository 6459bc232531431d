/** A result row as a plain object keyed by column name (values already converted, see type-parsers.ts). */
export type Row = Record<string, unknown>;

/** What both a database and an open transaction can do. */
export interface Queryable {
  /**
   * One statement with `$1`-style parameters; resolves to the rows (use RETURNING to learn what a write
   * changed). Pass json/jsonb parameters as `JSON.stringify(value)`: the two
   * drivers serialise a bare JS array differently (PostgreSQL array literal vs JSON).
   */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Any number of statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

/**
 * The one PostgreSQL interface of the backend; PGlite (embedded) and node-postgres (server) implement it and
 * run the same SQL. Chosen once by `openDatabase(config)`.
 */
export interface Database extends Queryable {
  /**
   * Runs `fn` in one transaction: committed when `fn` resolves, rolled back when it throws, when any statement
   * in it failed (even if `fn` caught that error) or when the connection drops. Using the database itself
   * (instead of `tx`) inside `fn` is an error, as it would escape the transaction (or deadlock on PGlite).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
