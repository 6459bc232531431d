import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertResponseOutbox } from '../alerts/alert-response-outbox.ts';
import { AlertStore } from '../alerts/alert-store.ts';
import { alertMessage, alertPayload } from '../alerts/testing/alert-fixtures.ts';
import { PushInbox } from '../link/push-inbox.ts';
import { alertRoutes } from './alert-routes.ts';
import { renderError } from './local-api-error.ts';

let dir: string;
const now = Date.parse('2026-11-24T01:00:00Z');

async function api() {
  const inbox = await PushInbox.open(dir, { now: () => now });
  const { outbox } = await AlertResponseOutbox.open(dir);
  const alerts = await AlertStore.open(dir, { inbox, outbox, now: () => now });
  const app = new Hono()
    .onError((error, c) => {
      const rendered = renderError(error);
      return c.json(rendered.body, rendered.status);
    })
    .route('/', alertRoutes({ alerts }));
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json() };
  };
  return { inbox, outbox, call };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-alert-routes-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('alert routes', () => {
  it('lists an alert, marks it shown, takes the answer, and then no longer lists it', async () => {
    const { inbox, outbox, call } = await api();
    const message = alertMessage(4, alertPayload());
    await inbox.add(message);
    expect(await call('GET', '/alerts')).toMatchObject({
      status: 200,
      json: { alerts: [{ seq: 4, shownAt: null, payload: message.payload }] },
    });
    expect(await call('POST', '/alerts/4/shown')).toEqual({
      status: 200,
      json: { seq: 4, shownAt: '2026-11-24T01:00:00.000Z' },
    });
    expect(await call('POST', '/alerts/4/answer', { answer: 'maybe' })).toMatchObject({
      status: 400,
      json: { error: { code: 'request.invalid' } },
    });
    expect(await call('POST', '/alerts/4/answer', { answer: 'at-shelter' })).toEqual({
      status: 200,
      json: { seq: 4, answer: 'at-shelter', answeredAt: '2026-11-24T01:00:00.000Z' },
    });
    expect((await call('GET', '/alerts')).json).toEqual({ alerts: [] });
    expect(outbox.pending().map((p) => p.record)).toEqual([
      {
        seq: 4,
        shownAt: '2026-11-24T01:00:00.000Z',
        answer: 'at-shelter',
        answeredAt: '2026-11-24T01:00:00.000Z',
      },
    ]);
  });

  it('answers 404 alert.not-active for an unknown alert and 400 for a bad seq', async () => {
    const { call } = await api();
    expect(await call('POST', '/alerts/99/shown')).toMatchObject({
      status: 404,
      json: { error: { code: 'alert.not-active' } },
    });
    expect(await call('POST', '/alerts/99/answer', { answer: 'safe' })).toMatchObject({ status: 404 });
    expect(await call('POST', '/alerts/0x1/shown')).toMatchObject({ status: 400 });
  });
});
