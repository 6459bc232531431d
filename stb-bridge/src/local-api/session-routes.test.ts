import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionError } from '../session/session-error.ts';
import type { LoginResponse, SessionState } from './contracts.ts';
import {
  createLocalApiFixture,
  errorOf,
  type LocalApiFixture,
  residentName,
} from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
  await vi.waitFor(() => expect(f.watcher.state.card).toBe('jpki'));
});
afterEach(() => f.close());

const tries = async (kind: 'auth' | 'sign') =>
  ((await (await f.call('GET', `/card/tries?kind=${kind}`)).json()) as { triesLeft: number }).triesLeft;

describe('POST /login', () => {
  it('logs in with the right PIN after a wrong one, which costs one try and is reported', async () => {
    expect(await tries('auth')).toBe(3);
    const wrong = await f.call('POST', '/login', { body: { pin: '9876' } });
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toMatchObject({ code: 'card.pin-wrong', triesLeft: 2, pinKind: 'auth' });
    expect(await tries('auth')).toBe(2);

    const right = await f.call('POST', '/login', { body: { pin: '1234' } });
    expect(right.status).toBe(200);
    const { resident } = (await right.json()) as LoginResponse;
    expect(resident.name).toBe(residentName);
    expect(await tries('auth')).toBe(3);
    expect((await (await f.call('GET', '/session')).json()) as SessionState).toMatchObject({
      loggedIn: true,
      name: residentName,
    });
    expect(JSON.stringify(resident)).not.toContain('session-token');

    const out = await f.call('POST', '/logout');
    expect((await out.json()) as SessionState).toEqual({ loggedIn: false });
    expect(f.backend.calls.at(-1)).toMatch(/^logout session-token-/);
  });

  it('checks the PIN format before anything reaches the backend or the card', async () => {
    const response = await f.call('POST', '/login', { body: { pin: '12a4' } });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'card.pin-format', pinKind: 'auth' });
    expect(f.backend.calls).toEqual([]);
    expect(await tries('auth')).toBe(3);
  });

  it('reports a blocked PIN and never tries again', async () => {
    for (const left of [2, 1]) {
      expect(await errorOf(await f.call('POST', '/login', { body: { pin: '0000' } }))).toMatchObject({
        triesLeft: left,
      });
    }
    const last = await f.call('POST', '/login', { body: { pin: '0000' } });
    expect(last.status).toBe(423);
    expect(await errorOf(last)).toMatchObject({ code: 'card.pin-blocked', triesLeft: 0 });
    const right = await f.call('POST', '/login', { body: { pin: '1234' } });
    expect(await errorOf(right)).toMatchObject({ code: 'card.pin-blocked' });
    expect(await tries('auth')).toBe(0);
  });

  it("passes the backend's refusal on with its code", async () => {
    f.backend.failLogin = new SessionError('session.not-registered', 'register first', {
      backendCode: 'resident.not-registered',
    });
    const response = await f.call('POST', '/login', { body: { pin: '1234' } });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'session.not-registered' });
  });

  it('answers anything unexpected as internal, and logs it', async () => {
    f.backend.failLogin = new Error('database exploded');
    const response = await f.call('POST', '/login', { body: { pin: '1234' } });
    expect(response.status).toBe(500);
    expect(await errorOf(response)).toEqual({ code: 'internal', message: 'internal error' });
    expect(f.logs.join('')).toContain('database exploded');
  });

  it('runs one card flow at a time', async () => {
    const [a, b] = await Promise.all([
      f.call('POST', '/login', { body: { pin: '1234' } }),
      f.call('POST', '/login', { body: { pin: '1234' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await errorOf(a.status === 409 ? a : b)).toMatchObject({ code: 'session.busy' });
    expect(await tries('auth')).toBe(3);
  });

  it('says when there is no card', async () => {
    f.reader.remove();
    const response = await f.call('POST', '/login', { body: { pin: '1234' } });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'card.absent' });
  });
});

describe('POST /register', () => {
  it('reports a wrong signature password as such, before the PIN is used', async () => {
    const response = await f.call('POST', '/register', { body: { password: 'ZYX987', pin: '1234' } });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'card.pin-wrong', triesLeft: 4, pinKind: 'sign' });
    expect(await tries('sign')).toBe(4);
    expect(await tries('auth')).toBe(3);
    expect(f.backend.calls).toEqual(['challenge']);
  });

  it('checks both formats first', async () => {
    const response = await f.call('POST', '/register', { body: { password: 'short', pin: '1234' } });
    expect(await errorOf(response)).toMatchObject({ code: 'card.pin-format', pinKind: 'sign' });
    expect(f.backend.calls).toEqual([]);
  });
});

describe('secrets', () => {
  it('never appear in logs or error answers', async () => {
    const secrets = ['9876', '4321', 'ZYX987', 'QWE456'];
    const answers = [
      await f.call('POST', '/login', { body: { pin: '9876' } }),
      await f.call('POST', '/login', { body: { pin: '4321', extra: 1 } }),
      await f.call('POST', '/login', { body: '{"pin":"4321"' }),
      await f.call('POST', '/register', { body: { password: 'ZYX987', pin: '4321' } }),
      await f.call('POST', '/register', { body: { password: 'QWE456' } }),
      await f.call('POST', '/login', { body: { pin: '1234' } }),
    ];
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([403, 400, 400, 403, 400, 200]);
    expect(f.logs.length).toBeGreaterThanOrEqual(answers.length);
    for (const text of [...texts, ...f.logs]) {
      for (const secret of [...secrets, '1234']) expect(text).not.toContain(secret);
    }
  });
});
