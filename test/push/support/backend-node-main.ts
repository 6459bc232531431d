// Entry of one whole backend node in a child process, started as an operator starts it (`startBackend` with
// configuration from the environment: DATABASE_URL, FIELD_KEYS, DATA_DIR, PUSH_* …): the HTTP API, alert
// ingest and delivery, the push gateway. For the alert-push benchmark. IPC: bench-node-ops.ts.
import { loadConfig, startBackend } from '@myna-tv/backend';
import { benchNodeOps, serveNodeOps } from './bench-node-ops.ts';

const backend = await startBackend({ config: loadConfig(process.env) });
serveNodeOps(benchNodeOps(backend.push), Number(new URL(backend.url).port), async () => {
  await backend.close();
});
