// The one error shape for every failure: request shape errors, unknown failures, body limits.
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JpkiError } from '../jpki/index.ts';
import { allowBodyUpTo, limitBody } from './body-limit.ts';
import { errorHandler, notFoundHandler } from './error-response.ts';
import { jsonBody } from './openapi-parts.ts';
import { requestId } from './request-id.ts';
import { createRouter } from './router.ts';
import { call, createTestApp, loginAsAdmin, type TestApp } from './testing/test-app.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAsAdmin(t);
});
afterAll(() => t.close());

const errorOf = async (response: Response) => ({
  status: response.status,
  ...((await response.json()) as { error: { code: string } }).error,
});

describe('request errors in the app', () => {
  const create = (init: RequestInit) =>
    t.app.request('/api/v1/api-clients', { method: 'POST', ...init, headers: { ...admin, ...init.headers } });

  it('malformed JSON → 400 request.malformed-json', async () => {
    const response = await create({ body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'request.malformed-json' });
  });

  it('an unknown field → 400 request.unknown-field, naming it', async () => {
    const response = await create({
      body: JSON.stringify({ name: 'x', role: 'insurer', admin: true }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await errorOf(response)).toMatchObject({
      status: 400,
      code: 'request.unknown-field',
      message: 'unknown field(s): admin',
    });
  });

  it('a wrong value → 400 request.invalid', async () => {
    const response = await create({
      body: JSON.stringify({ name: 'x', role: 'root' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'request.invalid' });
  });

  it('another media type → 415, and no body at all → 400', async () => {
    const text = await create({ body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(await errorOf(text)).toMatchObject({ status: 415, code: 'request.unsupported-media-type' });
    expect(await errorOf(await create({}))).toMatchObject({ status: 400 });
  });

  it('a body over 64 KiB → 413 request.body-too-large, with or without Content-Length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024), role: 'insurer' });
    const declared = await create({ body: big, headers: { 'content-type': 'application/json' } });
    expect(await errorOf(declared)).toMatchObject({ status: 413, code: 'request.body-too-large' });
    const stream = new Blob([big]).stream();
    const chunked = await create({
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await errorOf(chunked)).toMatchObject({ status: 413, code: 'request.body-too-large' });
  });

  it('every response carries a request id', async () => {
    const response = await call(t, 'GET', '/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the error edge on its own', () => {
  const reported: unknown[] = [];
  const app = createRouter();
  app.onError(errorHandler((error) => void reported.push(error)));
  app.notFound(notFoundHandler);
  app.use('*', requestId(), limitBody({ defaultBytes: 16 }));
  app.get('/boom', () => {
    throw new Error('secret detail from the database: password=hunter2');
  });
  const upload = createRoute({
    method: 'post',
    path: '/upload',
    middleware: [allowBodyUpTo(1024)] as const,
    request: { body: jsonBody(z.strictObject({ data: z.string() })) },
    responses: { 200: { description: 'ok' } },
  });
  app.openapi(upload, (c) => c.json({ length: c.req.valid('json').data.length }));
  app.post('/small', async (c) => c.json(await c.req.json()));
  app.get('/responder-down', () => {
    throw new JpkiError('jpki.status-unknown', 'OCSP http://10.0.0.7/internal timed out');
  });

  it('an unexpected error → 500 internal without details, reported once', async () => {
    const response = await app.request('/boom');
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(body).not.toContain('hunter2');
    expect(reported).toHaveLength(1);
  });

  it('a card check failure gets a fixed message; a responder outage is 503, retryable and reported', async () => {
    const before = reported.length;
    const response = await app.request('/responder-down');
    expect(response.headers.get('retry-after')).toBe('30');
    const body = await errorOf(response);
    expect(body).toMatchObject({ status: 503, code: 'jpki.status-unknown' });
    expect(JSON.stringify(body)).not.toContain('10.0.0.7');
    expect(reported.length).toBe(before + 1);
  });

  it('a route may raise its own body limit; the others keep the default', async () => {
    const payload = JSON.stringify({ data: 'y'.repeat(200) });
    const headers = { 'content-type': 'application/json' };
    expect((await app.request('/upload', { method: 'POST', body: payload, headers })).status).toBe(200);
    expect((await app.request('/small', { method: 'POST', body: payload, headers })).status).toBe(413);
  });

  it('an unknown route → 404 request.not-found in the same shape', async () => {
    expect(await errorOf(await app.request('/nowhere'))).toMatchObject({
      status: 404,
      code: 'request.not-found',
    });
  });
});
