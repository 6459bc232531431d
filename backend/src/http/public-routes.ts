// The only routes answering without credentials. Everything else under /api/v1 needs them, which
// route-walk.test.ts checks for every registered route.
export const publicRoutes: ReadonlySet<string> = new Set([
  'GET /api/v1/health',
  'GET /api/v1/openapi.json',
  'POST /api/v1/operator/login',
]);

export function isPublicRoute(method: string, path: string): boolean {
  return publicRoutes.has(`${method} ${path}`);
}
