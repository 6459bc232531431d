// The backend's metrics, for GET /metrics: HTTP traffic and latency, login failures by code, push delivery,
// revocation and chain caches, database operations in flight, event-loop lag and process resources.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CacheStats } from '../jpki/index.ts';
import type { PushHealth, PushStats } from '../push/index.ts';
import { MetricsRegistry } from './metrics-registry.ts';

export interface MetricSources {
  push: { stats(): PushStats; health(): PushHealth };
  ocspCache: () => CacheStats;
  chainCache: () => CacheStats;
  db: { inFlight(): number; poolMax: number };
}

export interface BackendMetrics {
  registry: MetricsRegistry;
  /** One finished HTTP request; `route` is the matched route pattern, never the raw path. */
  request(sample: { method: string; route: string; status: number; seconds: number }): void;
  /** A failed login attempt of a resident (card) or an operator (password). */
  loginFailure(kind: 'resident' | 'registration' | 'operator', code: string): void;
  requestsInFlight: { inc(): void; dec(): void };
  render(): string;
  stop(): void;
}

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createBackendMetrics(sources: MetricSources): BackendMetrics {
  const registry = new MetricsRegistry();
  const requests = registry.counter('myna_http_requests_total', 'HTTP requests by method, route and status.');
  const duration = registry.histogram(
    'myna_http_request_duration_seconds',
    'Time from a request reaching the app to its response, by method and route.',
    latencyBuckets,
  );
  const inFlight = registry.gauge('myna_http_requests_in_flight', 'HTTP requests being handled now.');
  const loginFailures = registry.counter(
    'myna_login_failures_total',
    'Failed logins by kind (resident card login, registration, operator password) and error code.',
  );
  const push = (name: string, help: string, kind: 'counter' | 'gauge', read: (s: PushStats) => number) =>
    registry.collected({ name, help, kind, collect: () => [[{}, read(sources.push.stats())]] });
  push('myna_push_connected_boxes', 'Set-top boxes connected to this node.', 'gauge', (s) => s.connected);
  push('myna_push_sent_total', 'Messages written to boxes by this node.', 'counter', (s) => s.sent);
  push('myna_push_acknowledged_total', 'Deliveries acknowledged by boxes.', 'counter', (s) => s.acked);
  push(
    'myna_push_resent_total',
    'Messages written again to boxes that had not acknowledged them in time.',
    'counter',
    (s) => s.resent,
  );
  push(
    'myna_push_pending',
    'Messages sent to boxes here and not yet acknowledged.',
    'gauge',
    (s) => s.pending,
  );
  registry.collected({
    name: 'myna_push_redis_up',
    help: 'Whether the Redis fan-out is connected (absent with the in-memory adapter).',
    kind: 'gauge',
    collect: () => {
      const health = sources.push.health();
      return health.adapter === 'redis' ? [[{}, health.redis === 'up' ? 1 : 0]] : [];
    },
  });
  for (const [cache, read] of [
    ['ocsp', sources.ocspCache],
    ['chain', sources.chainCache],
  ] as const) {
    const what = cache === 'ocsp' ? 'revocation (OCSP/CRL) answers' : 'certificate chain verdicts';
    registry.collected({
      name: `myna_${cache}_cache_hits_total`,
      help: `Cached ${what} reused.`,
      kind: 'counter',
      collect: () => [[{}, read().hits]],
    });
    registry.collected({
      name: `myna_${cache}_cache_misses_total`,
      help: `Lookups of ${what} not in the cache.`,
      kind: 'counter',
      collect: () => [[{}, read().misses]],
    });
  }
  registry.collected({
    name: 'myna_db_operations_in_flight',
    help: 'Database statements and transactions running or waiting for a connection.',
    kind: 'gauge',
    collect: () => [[{}, sources.db.inFlight()]],
  });
  registry.collected({
    name: 'myna_db_pool_max',
    help: 'Connections this node may hold (operations beyond it queue).',
    kind: 'gauge',
    collect: () => [[{}, sources.db.poolMax]],
  });
  const stopLoop = eventLoopLag(registry);
  processResources(registry);

  return {
    registry,
    request({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      duration.observe(seconds, { method, route });
    },
    loginFailure: (kind, code) => loginFailures.inc({ kind, code }),
    requestsInFlight: { inc: () => inFlight.inc(), dec: () => inFlight.dec() },
    render: () => registry.render(),
    stop: stopLoop,
  };
}

/** Event-loop delay since the previous scrape (a blocked loop delays every box and request on this node). */
function eventLoopLag(registry: MetricsRegistry): () => void {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  registry.collected({
    name: 'myna_eventloop_lag_seconds',
    help: 'Event-loop delay since the previous scrape, by quantile.',
    kind: 'gauge',
    collect: () => {
      const seconds = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
      const samples: [Record<string, string>, number][] = [
        [{ quantile: '0.5' }, seconds(loop.percentile(50))],
        [{ quantile: '0.99' }, seconds(loop.percentile(99))],
        [{ quantile: '1' }, seconds(loop.max)],
      ];
      loop.reset();
      return samples;
    },
  });
  return () => loop.disable();
}

function processResources(registry: MetricsRegistry): void {
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());
  registry.collected({
    name: 'process_cpu_seconds_total',
    help: 'User and system CPU time of this process.',
    kind: 'counter',
    collect: () => {
      const { user, system } = process.cpuUsage();
      return [[{}, (user + system) / 1e6]];
    },
  });
  registry.collected({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory of this process.',
    kind: 'gauge',
    collect: () => [[{}, process.memoryUsage.rss()]],
  });
  registry.collected({
    name: 'nodejs_heap_used_bytes',
    help: 'V8 heap in use.',
    kind: 'gauge',
    collect: () => [[{}, process.memoryUsage().heapUsed]],
  });
  registry.collected({
    name: 'process_start_time_seconds',
    help: 'Start of this process, Unix time.',
    kind: 'gauge',
    collect: () => [[{}, startSeconds]],
  });
}
