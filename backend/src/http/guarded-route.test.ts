// guardedRoute: the guard runs before the route's own middleware and the handler, and the document lists
// the credential forms and the edge's error statuses beside the route's own.
import { z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './app-env.ts';
import { errorHandler } from './error-response.ts';
import { guardedRoute } from './guarded-route.ts';
import { jsonBody, jsonResponse } from './openapi-parts.ts';
import type { Principal } from './principal.ts';
import { roleGuard } from './role-guard.ts';
import { createRouter } from './router.ts';

const insurers = roleGuard('insurer');
const echo = z.object({ text: z.string() });

function appAs(principal: Principal | undefined, seen: string[]) {
  const route = guardedRoute(insurers, {
    method: 'post',
    path: '/echo/{id}',
    request: { params: z.object({ id: z.string() }), body: jsonBody(echo) },
    middleware: [
      createMiddleware<AppEnv>(async (_c, next) => {
        seen.push('route middleware');
        await next();
      }),
    ],
    responses: { 200: jsonResponse(echo, 'Echoed') },
    errors: [404],
  });
  const app = createRouter();
  app.use(async (c, next) => {
    if (principal !== undefined) c.set('principal', principal);
    c.set('requestId', 'test');
    await next();
  });
  app.openapi(route, (c) => {
    seen.push(insurers.principal(c).clientId);
    return c.json(c.req.valid('json'), 200);
  });
  app.onError(errorHandler(() => {}));
  return app;
}

const post = (app: ReturnType<typeof appAs>) =>
  app.request('/echo/1', {
    method: 'POST',
    body: JSON.stringify({ text: 'hi' }),
    headers: { 'content-type': 'application/json' },
  });

describe('guardedRoute', () => {
  it('lets the guarded role through the route middleware to the handler', async () => {
    const seen: string[] = [];
    const response = await post(appAs({ role: 'insurer', clientId: 'c1' }, seen));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: 'hi' });
    expect(seen).toEqual(['route middleware', 'c1']);
  });

  it('refuses other roles and anonymous callers before the route middleware', async () => {
    const seen: string[] = [];
    expect((await post(appAs({ role: 'alert-publisher', clientId: 'c2' }, seen))).status).toBe(403);
    expect((await post(appAs(undefined, seen))).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('documents the credential form, the edge errors and the route’s own', () => {
    const document = appAs(undefined, []).getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
    });
    const operation = document.paths?.['/echo/{id}']?.post;
    expect(operation?.security).toEqual([{ apiClient: [] }]);
    const statuses = ['200', '400', '401', '403', '404', '413', '415'];
    expect(Object.keys(operation?.responses ?? {})).toEqual(statuses);
  });
});
