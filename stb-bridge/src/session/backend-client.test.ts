import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { StatusReportReceipt } from '@myna-tv/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../reports/report-error.ts';
import { BackendClient } from './backend-client.ts';
import { SessionError } from './session-error.ts';

/** The next answer of the stand-in backend, and what it was asked. */
let answer: { status: number; body?: unknown } = { status: 204 };
const asked: { method: string; path: string; session: string | null; auth: string | null }[] = [];
let url: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) => {
      const { pathname } = new URL(request.url);
      asked.push({
        method: request.method,
        path: pathname,
        session: request.headers.get('x-resident-session'),
        auth: request.headers.get('authorization'),
      });
      return answer.body === undefined
        ? new Response(null, { status: answer.status })
        : Response.json(answer.body, { status: answer.status });
    },
  });
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () =>
  new BackendClient({
    urls: [url],
    credential: { deviceId: 'box-1', secret: 'box-secret' },
    timeoutMs: 2000,
  });
const refusal = (status: number, code: string) => ({ status, body: { error: { code, message: code } } });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const submit = () => client().submitStatusReport({ signedReport: 'MIIB' });

const receipt: StatusReportReceipt = {
  reportId: '00000000-0000-4000-8000-000000000001',
  receiptNumber: '2026-1124-000001',
  receivedAt: '2026-11-24T03:00:00.000Z',
  contractId: '00000000-0000-4000-8000-000000000002',
  period: '2026-11',
  insurerName: 'みなみ年金基金',
  submissionId: '00000000-0000-4000-8000-000000000003',
};

describe('BackendClient: status reports and notices', () => {
  it('sends a report with the device credential only, and tells a new receipt from a repeated one', async () => {
    answer = { status: 201, body: receipt };
    expect(await submit()).toEqual({ receipt, created: true });
    answer = { status: 200, body: receipt };
    expect(await submit()).toEqual({ receipt, created: false });
    expect(asked.at(-1)).toEqual({
      method: 'POST',
      path: '/api/v1/status-reports',
      session: null,
      auth: 'Device box-1.box-secret',
    });
  });

  it("reads the resident's reports and notices with the session, and marks a notice read", async () => {
    answer = { status: 200, body: { due: [], sent: [receipt] } };
    expect(await client().statusReports('token-abc')).toEqual({ due: [], sent: [receipt] });
    answer = { status: 204 };
    await client().markNoticeRead('token-abc', 'a/b');
    expect(asked.slice(-2).map(({ method, path, session }) => [method, path, session])).toEqual([
      ['GET', '/api/v1/residents/me/status-reports', 'token-abc'],
      ['POST', '/api/v1/residents/me/notices/a%2Fb/read', 'token-abc'],
    ]);
  });

  it.each([
    [refusal(403, 'report.contract-not-held'), 'report.contract-not-held'],
    [refusal(400, 'report.holder-mismatch'), 'report.holder-mismatch'],
    [refusal(409, 'report.not-due'), 'report.not-due'],
    [refusal(400, 'report.answers-mismatch'), 'report.answers-mismatch'],
    [refusal(400, 'report.malformed'), 'report.refused'],
  ])('turns the refusal %j into the report code %s', async (refused, code) => {
    answer = refused;
    const error = await failureOf(submit());
    expect(error).toBeInstanceOf(ReportError);
    expect(error).toMatchObject({ code, backendCode: refused.body.error.code });
  });

  it.each([
    [refusal(403, 'jpki.cert-revoked'), 'session.card-revoked'],
    [refusal(401, 'jpki.cert-expired'), 'session.card-expired'],
    [refusal(401, 'jpki.signature-invalid'), 'session.card-refused'],
    [refusal(503, 'jpki.status-unknown'), 'session.backend-unavailable'],
    [refusal(401, 'device.revoked'), 'session.device-refused'],
    [refusal(400, 'request.invalid'), 'session.refused'],
  ])('turns the refusal %j of a report into %s', async (refused, code) => {
    answer = refused;
    const error = await failureOf(submit());
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ code });
  });

  it("says 'log in again' when the backend ended the resident's session", async () => {
    answer = refusal(401, 'auth.session-expired');
    expect(await failureOf(client().notices('token-abc'))).toMatchObject({ code: 'session.login-required' });
  });

  it('says the backend is unreachable when no URL answers', async () => {
    const offline = new BackendClient({
      urls: ['http://127.0.0.1:9'],
      credential: { deviceId: 'box-1', secret: 'box-secret' },
      timeoutMs: 2000,
    });
    const error = await failureOf(offline.submitStatusReport({ signedReport: 'MIIB' }));
    expect(error).toMatchObject({ code: 'session.backend-unavailable' });
  });
});
