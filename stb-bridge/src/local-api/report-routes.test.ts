import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contractId, testDraft, yesToAll } from '../reports/testing/scripted-report-backend.ts';
import { SessionError } from '../session/session-error.ts';
import type { ReportsResponse, SendReportRequest, SendReportResponse } from './contracts.ts';
import { createLocalApiFixture, errorOf, type LocalApiFixture } from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
  await vi.waitFor(() => expect(f.watcher.state.card).toBe('jpki'));
});
afterEach(() => f.close());

const request = (overrides: Partial<SendReportRequest> = {}): SendReportRequest => ({
  contractId,
  period: '2026-11',
  answers: yesToAll(testDraft()),
  password: 'ABC123',
  ...overrides,
});

describe('report routes', () => {
  it('need a logged-in resident, and touch neither card nor backend without one', async () => {
    for (const [method, path, body] of [
      ['GET', '/reports', undefined],
      ['POST', '/reports/send', request()],
      ['POST', '/reports/00000000-0000-4000-8000-000000000001/dismiss', undefined],
    ] as const) {
      const response = await f.call(method, path, body !== undefined ? { body } : {});
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toMatchObject({ code: 'session.login-required' });
    }
    expect(f.reportBackend.submissions).toEqual([]);
  });

  it('list what is due, send with the password (201 and the receipt), then list it as sent', async () => {
    await f.logIn();
    const listed = await f.call('GET', '/reports');
    expect((await listed.json()) as ReportsResponse).toEqual({ due: [testDraft()], sent: [], waiting: [] });

    const sent = await f.call('POST', '/reports/send', { body: request() });
    expect(sent.status).toBe(201);
    const answer = (await sent.json()) as SendReportResponse;
    expect(answer).toEqual({ state: 'received', receipt: f.reportBackend.receipts[0] });

    const again = await f.call('POST', '/reports/send', { body: request() });
    expect([again.status, await again.json()]).toEqual([200, answer]);
    expect((await (await f.call('GET', '/reports')).json()) as ReportsResponse).toEqual({
      due: [],
      sent: f.reportBackend.receipts,
      waiting: [],
    });
    expect(f.reportBackend.submissions).toHaveLength(1);
    expect(f.logs.join('')).not.toContain('ABC123');
  });

  it('answer 202 waiting when the backend cannot be reached after the viewer saw the drafts', async () => {
    await f.logIn();
    await f.call('GET', '/reports');
    f.reportBackend.down = true;
    const response = await f.call('POST', '/reports/send', { body: request() });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as SendReportResponse;
    expect(answer).toEqual({ state: 'waiting', submissionId: expect.any(String) });
    expect(f.outbox.waiting()).toHaveLength(1);
  });

  it('report a wrong password with the tries left and which secret it was', async () => {
    await f.logIn();
    const response = await f.call('POST', '/reports/send', { body: request({ password: 'WRONG9' }) });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'card.pin-wrong', triesLeft: 4, pinKind: 'sign' });
    expect(f.logs.join('')).not.toContain('WRONG9');
  });

  it('say when the card is not in the reader, and keep nothing', async () => {
    await f.logIn();
    f.reader.remove();
    const response = await f.call('POST', '/reports/send', { body: request() });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'card.absent' });
    expect(f.outbox.entries()).toEqual([]);
  });

  it('refuse malformed bodies and answers that do not fit the form', async () => {
    await f.logIn();
    const bad = await f.call('POST', '/reports/send', { body: { ...request(), period: '2026-13' } });
    expect([bad.status, (await errorOf(bad)).code]).toEqual([400, 'request.invalid']);
    const partial = await f.call('POST', '/reports/send', { body: request({ answers: [] }) });
    expect([partial.status, (await errorOf(partial)).code]).toEqual([400, 'report.answers-mismatch']);
    const notDue = await f.call('POST', '/reports/send', { body: request({ period: '2026-10' }) });
    expect([notDue.status, (await errorOf(notDue)).code]).toEqual([409, 'report.not-due']);
    const dismiss = await f.call('POST', '/reports/not-a-uuid/dismiss');
    expect([dismiss.status, (await errorOf(dismiss)).code]).toEqual([400, 'request.invalid']);
    const unknown = await f.call('POST', '/reports/00000000-0000-4000-8000-000000000001/dismiss');
    expect([unknown.status, (await errorOf(unknown)).code]).toEqual([404, 'report.not-found']);
  });

  it('forget the session when the backend has ended it', async () => {
    await f.logIn();
    const statusReports = f.reportBackend.statusReports;
    f.reportBackend.statusReports = async () => {
      throw new SessionError('session.login-required', 'expired', { backendCode: 'auth.session-expired' });
    };
    const response = await f.call('GET', '/reports');
    expect([response.status, (await errorOf(response)).code]).toEqual([401, 'session.login-required']);
    expect(f.session.state).toEqual({ loggedIn: false });
    f.reportBackend.statusReports = statusReports;
  });
});
