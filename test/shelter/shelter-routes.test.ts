// The local API's shelter routes with the virtual card through pcscd and no backend reachable: a tap is
// journalled and answered, the status shows offline, the events waiting and the CRL's age; a wrong PIN is
// answered with the card's code and journals nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckinJournal,
  JournalSync,
  renderError,
  ShelterDesk,
  type ShelterStatusResponse,
  type ShelterTapResponse,
  shelterRoutes,
  TerminalBackendClient,
} from '@myna-tv/stb-bridge';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CardDesk, openCardDesk } from './support/card-desk.ts';

let desk: CardDesk;
let dir: string;
let journal: CheckinJournal;
let api: Hono;
beforeAll(async () => {
  desk = await openCardDesk();
  dir = await mkdtemp(join(tmpdir(), 'myna-shelter-routes-'));
  ({ journal } = await CheckinJournal.open(dir));
  // Nothing listens on port 9 of the loopback: the backend is unreachable.
  const backend = new TerminalBackendClient({
    urls: ['http://127.0.0.1:9'],
    credential: { terminalId: '00000000-0000-4000-8000-000000000001', secret: 'x' },
    timeoutMs: 500,
  });
  const sync = await JournalSync.open({ journal, backend, dir });
  const shelter = await ShelterDesk.open({ journal, sync, access: desk.access, trustDir: desk.trustDir });
  api = new Hono();
  api.onError((error, c) => {
    const rendered = renderError(error);
    return c.json(rendered.body, rendered.status);
  });
  api.route('/', shelterRoutes({ shelter }));
  await sync.syncOnce();
}, 60_000);
afterAll(async () => {
  await journal?.close();
  await rm(dir, { recursive: true, force: true });
  await desk?.close();
});

const post = (path: string, body: unknown) =>
  api.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('taps, journals and shows the check-in waiting while offline', async () => {
  const tap = await post('/shelter/tap', { groupId: null });
  expect(tap.status).toBe(201);
  const answer = (await tap.json()) as ShelterTapResponse;
  expect(answer).toMatchObject({
    event: { seq: 1, type: 'check-in' },
    check: { result: 'valid' },
    waiting: 1,
  });
  const status = (await (await api.request('/shelter/status')).json()) as ShelterStatusResponse;
  expect(status).toMatchObject({ online: false, waiting: 1, journalled: 1, authorities: 1 });
  expect(status.crl?.ageSeconds).toEqual(expect.any(Number));
});

it('answers a wrong PIN with the card code and journals nothing; refuses a malformed body', async () => {
  const wrong = desk.holder.pin === '0000' ? '1111' : '0000';
  const tap = await post('/shelter/tap', { groupId: null, pin: wrong });
  expect(tap.status).toBe(403);
  expect(await tap.json()).toMatchObject({ error: { code: 'card.pin-wrong' } });
  expect(journal.lastSeq).toBe(1);
  const bad = await post('/shelter/tap', { groupId: 'not-a-uuid' });
  expect(bad.status).toBe(400);
  const right = await post('/shelter/tap', { groupId: null, pin: desk.holder.pin });
  expect(right.status).toBe(201);
  expect(((await right.json()) as ShelterTapResponse).event).toMatchObject({ person: { pinVerified: true } });
});
