import type { ErrorResponse, LocalApiErrorCode } from '@myna-tv/stb-bridge/contracts';
import { describe, expect, it } from 'vitest';
import { BridgeClient, cardViewOf, resolveBridgeUrl, secretResultOf } from './bridge-client.ts';

/** A fetch that answers from a table of `METHOD path` → [status, body] and records what was sent. */
function fakeFetch(answers: Record<string, [number, unknown]>) {
  const sent: { key: string; body: unknown }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const key = `${init?.method ?? 'GET'} ${url.pathname}${url.search}`;
    sent.push({ key, body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
    const answer = answers[key];
    if (!answer) throw new TypeError('fetch failed');
    return new Response(JSON.stringify(answer[1]), { status: answer[0] });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const error = (code: LocalApiErrorCode, extra: Partial<ErrorResponse['error']> = {}): ErrorResponse => ({
  error: { code, message: 'x', ...extra },
});

describe('bridge client', () => {
  it('maps the card state to what the screens show', () => {
    expect(cardViewOf({ reader: null, card: 'absent' })).toBe('no-reader');
    expect(cardViewOf({ reader: 'r', card: 'absent' })).toBe('absent');
    expect(cardViewOf({ reader: 'r', card: 'checking' })).toBe('checking');
    expect(cardViewOf({ reader: 'r', card: 'jpki' })).toBe('my-number-card');
    expect(cardViewOf({ reader: 'r', card: 'not-jpki' })).toBe('other-card');
  });

  it('maps error answers to what the viewer is told', () => {
    expect(secretResultOf(error('card.pin-wrong', { triesLeft: 2, pinKind: 'auth' }).error, 'auth')).toEqual({
      ok: false,
      problem: 'wrong',
      kind: 'auth',
      triesLeft: 2,
    });
    expect(secretResultOf(error('card.pin-blocked', { pinKind: 'sign' }).error, 'auth')).toEqual({
      ok: false,
      problem: 'blocked',
      kind: 'sign',
    });
    expect(secretResultOf(error('session.not-registered').error, 'auth')).toEqual({
      ok: false,
      problem: 'not-registered',
    });
    expect(secretResultOf(error('session.card-revoked').error, 'auth')).toMatchObject({
      problem: 'card-invalid',
    });
    expect(secretResultOf(error('card.removed').error, 'auth')).toMatchObject({ problem: 'card-removed' });
    const unknown = { code: 'something.new', message: 'x' } as unknown as ErrorResponse['error'];
    expect(secretResultOf(unknown, 'auth')).toMatchObject({ problem: 'failed' });
    expect(secretResultOf(undefined, 'auth')).toMatchObject({ problem: 'failed' });
  });

  it('logs in, registers, counts tries and logs out with the contract bodies', async () => {
    const { fetch, sent } = fakeFetch({
      'POST /login': [403, error('card.pin-wrong', { triesLeft: 1, pinKind: 'auth' })],
      'POST /register': [201, { resident: { name: 'x', expiresAt: 'y' }, created: true }],
      'GET /card/tries?kind=sign': [200, { kind: 'sign', triesLeft: 5 }],
      'GET /card/tries?kind=auth': [409, error('card.absent')],
      'POST /logout': [200, { loggedIn: false }],
    });
    const client = new BridgeClient({ baseUrl: 'http://127.0.0.1:8090', fetch });
    expect(await client.login('1234')).toEqual({ ok: false, problem: 'wrong', kind: 'auth', triesLeft: 1 });
    expect(await client.register('ABC123', '1234')).toEqual({ ok: true, newlyRegistered: true });
    expect(await client.triesLeft('sign')).toEqual({ ok: true, triesLeft: 5 });
    expect(await client.triesLeft('auth')).toEqual({ ok: false, problem: 'no-card' });
    expect(await client.logout()).toBe(false);
    expect(sent.map((call) => call.body)).toEqual([
      { pin: '1234' },
      { password: 'ABC123', pin: '1234' },
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('treats a bridge it cannot reach as unavailable', async () => {
    const client = new BridgeClient({ baseUrl: 'http://127.0.0.1:1', fetch: fakeFetch({}).fetch });
    expect(await client.login('1234')).toEqual({ ok: false, problem: 'unavailable' });
    expect(await client.logout()).toBe(true);
  });

  it('takes the bridge URL from the query string only when it is on this machine', () => {
    expect(resolveBridgeUrl('')).toBe('http://127.0.0.1:8090');
    expect(resolveBridgeUrl('?bridge=http://127.0.0.1:39000/x')).toBe('http://127.0.0.1:39000');
    expect(resolveBridgeUrl('?bridge=http://localhost:39000')).toBe('http://localhost:39000');
    expect(resolveBridgeUrl('?bridge=http://evil.example:8090')).toBe('http://127.0.0.1:8090');
    expect(resolveBridgeUrl('?bridge=https://127.0.0.1:8090')).toBe('http://127.0.0.1:8090');
  });
});
