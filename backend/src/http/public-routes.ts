// The only routes answering without credentials. Everything else under /api/v1 needs them, which
// route-walk.test.ts checks for every registered route.
export const publicRoutes: ReadonlySet<string> = new Set([
  'GET /api/v1/health',
  'GET /api/v1/openapi.json',
  'POST /api/v1/operator/login',
]);

/**
 * Served by the server process beside the API (backend/src/server/), outside /api/v1, public on purpose:
 * - `/tv/` and `/ops/`: the static files of the TV app and the operations dashboard (code, styles, images;
 *   no data: both read everything through the API with credentials);
 * - `/dev-jpki/`: the emulated PKI's OCSP responder and CRLs, mounted only in the development mode.
 * The static mounts accept no other prefix (server/static-mounts.ts).
 */
export const publicPrefixes = {
  '/tv/': ['GET', 'HEAD'],
  '/ops/': ['GET', 'HEAD'],
  '/dev-jpki/': ['GET', 'POST'],
} as const satisfies Record<string, readonly string[]>;
export type PublicPrefix = keyof typeof publicPrefixes;

/** Routes that pass authentication here because their handler checks its own credential: Prometheus
 * scrapes `/metrics` with METRICS_TOKEN, which is no session (server/metrics-route.ts). */
export const selfAuthenticatedRoutes: ReadonlySet<string> = new Set(['GET /metrics']);

export function isPublicRoute(method: string, path: string): boolean {
  const route = `${method} ${path}`;
  if (publicRoutes.has(route) || selfAuthenticatedRoutes.has(route)) return true;
  for (const [prefix, methods] of Object.entries(publicPrefixes)) {
    // The bare folder (`/tv`) too, which the static mount redirects to `/tv/`.
    const under = path.startsWith(prefix) || path === prefix.slice(0, -1);
    if (under && (methods as readonly string[]).includes(method)) return true;
  }
  return false;
}
