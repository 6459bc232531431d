// Database round trips of a backend process, counted inside it: a module preloaded with --import wraps
// node-postgres's Client#query (one call is one round trip: a statement, BEGIN or COMMIT) and, on SIGUSR2,
// prints the count so far as a JSON log line, which the process handle collects.
import { fileURLToPath } from 'node:url';
import type { BackendProcess } from '../../server/support/backend-process.ts';

const logMsg = 'bench.db-round-trips';
/** pg as the backend resolves it, so the wrapped Client is the one it uses. */
const backendPackage = fileURLToPath(new URL('../../../backend/package.json', import.meta.url));

/** Node options that make a backend process count its database round trips (read with `roundTripsOf`). */
export function countDbRoundTrips(): string[] {
  const source = `
    import { createRequire } from 'node:module';
    const pg = createRequire(${JSON.stringify(backendPackage)})('pg');
    let count = 0;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (...args) { count += 1; return query.apply(this, args); };
    process.on('SIGUSR2', () => console.log(JSON.stringify({ msg: ${JSON.stringify(logMsg)}, count })));`;
  return ['--import', `data:text/javascript,${encodeURIComponent(source)}`];
}

/** The round trips a process started with `countDbRoundTrips()` has made so far. */
export async function roundTripsOf(backend: BackendProcess): Promise<number> {
  const seen = backend.logs.length;
  backend.child.kill('SIGUSR2');
  for (;;) {
    const line = backend.logs.slice(seen).find((l) => l.msg === logMsg);
    if (line) return Number(line.count);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
