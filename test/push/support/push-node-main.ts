// Entry of one backend node (the push gateway alone) in a child process, for the scale-out test and the fan-out
// benchmark. Env: DATABASE_URL (PostgreSQL), REDIS_URL and PUSH_REDIS_PREFIX (optional), PUSH_CATCH_UP_MS,
// PUSH_CHUNK_SIZE, PUSH_HANDSHAKES_PER_SECOND. IPC: bench-node-ops.ts.
import { createPostgresDatabase, migrate } from '@myna-tv/backend';
import { benchNodeOps, serveNodeOps } from './bench-node-ops.ts';
import { startPushNode } from './push-node.ts';
import { authenticateFromTable } from './test-devices.ts';

const {
  DATABASE_URL,
  REDIS_URL,
  PUSH_REDIS_PREFIX,
  PUSH_CATCH_UP_MS,
  PUSH_CHUNK_SIZE,
  PUSH_HANDSHAKES_PER_SECOND,
} = process.env;
if (!DATABASE_URL) throw new Error('run as a child process with DATABASE_URL');

const db = createPostgresDatabase({ url: DATABASE_URL });
await migrate(db);
const node = await startPushNode({
  db,
  authenticate: authenticateFromTable(db),
  ...(REDIS_URL ? { redis: { url: REDIS_URL, keyPrefix: PUSH_REDIS_PREFIX ?? 'myna-tv' } } : {}),
  catchUpMs: Number(PUSH_CATCH_UP_MS ?? 2000),
  ...(PUSH_CHUNK_SIZE ? { chunkSize: Number(PUSH_CHUNK_SIZE) } : {}),
  ...(PUSH_HANDSHAKES_PER_SECOND ? { handshakesPerSecond: Number(PUSH_HANDSHAKES_PER_SECOND) } : {}),
  onError: (error) => console.error(`push node: ${error.code} ${error.message}`, error.cause ?? ''),
});
serveNodeOps(benchNodeOps(node.gateway), node.port, async () => {
  await node.close();
  await db.close();
});
