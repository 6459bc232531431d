// Walks every route the app registers: all but the public list must answer 401 'auth.required' to a
// request without credentials, and to one with credentials in a form we do not accept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicRoute, publicRoutes } from './public-routes.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const concrete = (path: string) => path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000');

describe('route walk', () => {
  it('every non-public route refuses a request without credentials', async () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && !isPublicRoute(r.method, r.path));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      for (const authorization of [undefined, 'Bearer not-a-session-token-at-all', 'Basic Zm9vOmJhcg==']) {
        const response = await t.app.request(concrete(route.path), {
          method: route.method,
          headers: authorization ? { authorization } : {},
        });
        const body = (await response.json()) as { error: { code: string } };
        expect({ route: `${route.method} ${route.path}`, authorization, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          authorization,
          status: 401,
        });
        expect(body.error.code).toMatch(/^auth\.(required|invalid-credentials)$/);
      }
    }
  });

  it('the public list is short and every entry exists', () => {
    expect(publicRoutes.size).toBeLessThanOrEqual(3);
    const registered = new Set(t.app.routes.map((r) => `${r.method} ${r.path}`));
    for (const route of publicRoutes) expect(registered).toContain(route);
  });

  it('an unknown path answers 401 before revealing that it does not exist', async () => {
    const response = await t.app.request('/api/v1/no-such-thing');
    expect(response.status).toBe(401);
  });

  it('serves the OpenAPI document publicly, with every route in it', async () => {
    const response = await t.app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} /api/v1${path.replace(/^\/api\/v1/, '')}`),
    );
    for (const route of t.app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/api/v1/openapi.json')) {
      expect(documented).toContain(`${route.method} ${route.path.replace(/:([^/]+)/g, '{$1}')}`);
    }
  });
});
