import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApiFixture, type LocalApiFixture, tvOrigin } from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
});
afterEach(() => f.close());

const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('origin and host guard', () => {
  it("answers the TV app's origin, with CORS for it", async () => {
    const response = await f.call('GET', '/card');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(tvOrigin);
  });

  it('refuses a page from any other origin, for reading and for driving the card', async () => {
    for (const [method, path] of [
      ['GET', '/card'],
      ['GET', '/events'],
      ['POST', '/login'],
    ] as const) {
      const body = method === 'POST' ? { pin: '1234' } : undefined;
      const response = await f.call(method, path, { origin: 'http://evil.example', body });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await codeOf(response)).toBe('request.origin-forbidden');
    }
    expect(await codeOf(await f.call('GET', '/card', { origin: 'null' }))).toBe('request.origin-forbidden');
    expect(f.backend.calls).toEqual([]);
  });

  it('lets local programs read without an Origin, but never change state without one', async () => {
    expect((await f.call('GET', '/card', { origin: null })).status).toBe(200);
    const login = await f.call('POST', '/login', { origin: null, body: { pin: '1234' } });
    expect(login.status).toBe(403);
    expect(await codeOf(login)).toBe('request.origin-forbidden');
  });

  it('refuses a Host other than the loopback names (DNS rebinding)', async () => {
    const response = await f.app.request('http://rebind.evil.example:8090/card', {
      headers: { origin: tvOrigin },
    });
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('request.host-forbidden');
    expect((await f.app.request('http://127.0.0.1:8090/card')).status).toBe(200);
  });

  it('answers a preflight from the TV app only', async () => {
    const preflight = (origin: string) =>
      f.app.request('/login', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight(tvOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(tvOrigin);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight('http://evil.example')).status).toBe(403);
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await f.call('GET', '/nope');
    expect(response.status).toBe(404);
    expect(await codeOf(response)).toBe('request.not-found');
  });
});
