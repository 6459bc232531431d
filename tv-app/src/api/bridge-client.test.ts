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

  it('lists, sends and reads 現況届 and お知らせ, mapping every refusal to what the viewer is told', async () => {
    const receipt = {
      reportId: 'r',
      receiptNumber: '2026-1124-000001',
      receivedAt: '2026-11-24T03:00:00.000Z',
      contractId: 'c',
      period: '2026-11',
      insurerName: 'みなみ年金基金',
      submissionId: 's',
    };
    const queued = { submissionId: 'q', contractId: 'c', period: '2026-11', insurerName: 'x', queuedAt: 't' };
    const { fetch, sent } = fakeFetch({
      'GET /reports': [
        200,
        {
          due: [],
          sent: [receipt],
          waiting: [
            { ...queued, state: 'waiting', failure: null },
            {
              ...queued,
              state: 'failed',
              failure: { code: 'report.contract-not-held', message: 'x', at: 't' },
            },
          ],
        },
      ],
      'POST /reports/send': [201, { state: 'received', receipt }],
      'GET /notices': [
        200,
        {
          notices: [
            {
              id: 'n',
              senderName: 's',
              senderKind: 'system',
              title: 't',
              body: 'b',
              createdAt: 'c',
              readAt: null,
              kind: 'receipt',
            },
          ],
        },
      ],
      'POST /notices/n/read': [200, { id: 'n' }],
    });
    const client = new BridgeClient({ baseUrl: 'http://127.0.0.1:8090', fetch });
    const listed = await client.reports();
    expect(listed.ok && listed.reports.waiting.map((entry) => entry.problem)).toEqual([null, 'not-held']);
    expect(listed.ok && listed.reports.sent[0]?.receiptNumber).toBe('2026-1124-000001');
    const answers = [{ questionId: 'alive', answer: true }];
    expect(
      await client.sendReport({ contractId: 'c', period: '2026-11', answers, password: 'ABC123' }),
    ).toMatchObject({
      ok: true,
      state: 'received',
      receipt: { receiptNumber: '2026-1124-000001' },
    });
    expect(sent[1]?.body).toEqual({ contractId: 'c', period: '2026-11', answers, password: 'ABC123' });
    const notices = await client.notices();
    expect(notices.ok && notices.notices[0]?.read).toBe(false);
    expect(await client.markNoticeRead('n')).toBe(true);

    const refusing = (status: number, body: unknown) =>
      new BridgeClient({
        baseUrl: 'http://x',
        fetch: fakeFetch({ 'POST /reports/send': [status, body] }).fetch,
      });
    const send = (client: BridgeClient) =>
      client.sendReport({ contractId: 'c', period: '2026-11', answers, password: 'ABC123' });
    expect(await send(refusing(202, { state: 'waiting', submissionId: 's' }))).toEqual({
      ok: true,
      state: 'waiting',
    });
    expect(await send(refusing(403, error('card.pin-wrong', { triesLeft: 4, pinKind: 'sign' })))).toEqual({
      ok: false,
      problem: 'wrong',
      triesLeft: 4,
    });
    expect(await send(refusing(403, error('card.pin-blocked')))).toEqual({ ok: false, problem: 'blocked' });
    for (const [code, problem] of [
      ['card.removed', 'card-removed'],
      ['session.card-revoked', 'certificate'],
      ['session.card-expired', 'certificate'],
      ['report.holder-mismatch', 'certificate'],
      ['report.contract-not-held', 'not-held'],
      ['session.login-required', 'signed-out'],
      ['session.backend-unavailable', 'unavailable'],
      ['report.refused', 'failed'],
    ] as const) {
      expect(await send(refusing(403, error(code))), code).toEqual({ ok: false, problem });
    }
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
