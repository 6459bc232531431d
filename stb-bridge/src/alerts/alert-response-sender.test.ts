import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionError } from '../session/session-error.ts';
import {
  AlertResponseOutbox,
  type AlertResponseRecord,
  alertOutboxDirName,
} from './alert-response-outbox.ts';
import { AlertResponseSender } from './alert-response-sender.ts';

let dir: string;
const senders: AlertResponseSender[] = [];

/** A backend that answers from a script: 'down' (unreachable), 'ok', or an error to throw. */
function scriptedBackend(script: ('down' | 'ok' | Error)[]) {
  const received: AlertResponseRecord[] = [];
  return {
    received,
    async sendAlertResponse(record: AlertResponseRecord) {
      const next = script.shift() ?? 'ok';
      if (next === 'down') throw new SessionError('session.backend-unavailable', 'unreachable');
      if (next instanceof Error) throw next;
      received.push(record);
      return { seq: record.seq };
    },
  };
}

function startSender(outbox: AlertResponseOutbox, backend: ReturnType<typeof scriptedBackend>) {
  const sender = new AlertResponseSender({ outbox, backend, backoff: { initialMs: 20, maxMs: 40 } });
  outbox.onRecord = () => sender.trigger();
  senders.push(sender);
  return sender;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-alert-outbox-'));
});
afterEach(async () => {
  for (const sender of senders.splice(0)) await sender.close();
  await rm(dir, { recursive: true, force: true });
});

describe('alert response sender', () => {
  it('sends a response at once and again with back-off until accepted, then removes it', async () => {
    const { outbox } = await AlertResponseOutbox.open(dir);
    const backend = scriptedBackend(['down', 'down', 'ok']);
    const sender = startSender(outbox, backend);
    const deferred: number[] = [];
    sender.on('deferred', (_error, delay) => deferred.push(delay));
    await outbox.record(7, { shownAt: '2026-11-24T01:00:00.000Z' });
    await vi.waitFor(() =>
      expect(backend.received).toEqual([{ seq: 7, shownAt: '2026-11-24T01:00:00.000Z' }]),
    );
    expect(deferred).toHaveLength(2);
    await vi.waitFor(async () => expect(await readdir(join(dir, alertOutboxDirName))).toEqual([]));
  });

  it('merges a later answer into a waiting response, keeping the first shownAt', async () => {
    const { outbox } = await AlertResponseOutbox.open(dir);
    await outbox.record(8, { shownAt: '2026-11-24T01:00:00.000Z' });
    await outbox.record(8, {
      shownAt: '2026-11-24T01:05:00.000Z',
      answer: 'need-help',
      answeredAt: '2026-11-24T01:05:00.000Z',
    });
    const backend = scriptedBackend([]);
    startSender(outbox, backend).trigger();
    await vi.waitFor(() =>
      expect(backend.received).toEqual([
        {
          seq: 8,
          shownAt: '2026-11-24T01:00:00.000Z',
          answer: 'need-help',
          answeredAt: '2026-11-24T01:05:00.000Z',
        },
      ]),
    );
  });

  it('sends what a previous run left on disk, and drops what the backend refuses for good', async () => {
    const first = await AlertResponseOutbox.open(dir);
    await first.outbox.record(9, { shownAt: '2026-11-24T01:00:00.000Z' });
    await first.outbox.record(10, { answer: 'safe', answeredAt: '2026-11-24T01:00:00.000Z' });

    const { outbox } = await AlertResponseOutbox.open(dir);
    const refused = new SessionError('session.refused', 'answered 400 request.invalid', {
      backendCode: 'request.invalid',
    });
    const backend = scriptedBackend([refused, 'ok']);
    const sender = startSender(outbox, backend);
    const dropped: number[] = [];
    sender.on('dropped', (record) => dropped.push(record.seq));
    sender.trigger();
    await vi.waitFor(() => expect(backend.received.map((r) => r.seq)).toEqual([10]));
    expect(dropped).toEqual([9]);
    await vi.waitFor(() => expect(outbox.pending()).toEqual([]));
  });

  it('tries an alert the backend does not know yet a few times before dropping it', async () => {
    const { outbox } = await AlertResponseOutbox.open(dir);
    const notFound = () =>
      new SessionError('session.refused', 'answered 404 alert.not-found', { backendCode: 'alert.not-found' });
    const backend = scriptedBackend([notFound(), notFound(), 'ok', ...Array.from({ length: 5 }, notFound)]);
    const sender = startSender(outbox, backend);
    const dropped: number[] = [];
    sender.on('dropped', (record) => dropped.push(record.seq));
    await outbox.record(11, { shownAt: '2026-11-24T01:00:00.000Z' });
    await vi.waitFor(() => expect(backend.received.map((r) => r.seq)).toEqual([11]));
    await outbox.record(12, { shownAt: '2026-11-24T01:00:00.000Z' });
    await vi.waitFor(() => expect(dropped).toEqual([12]));
    expect(outbox.pending()).toEqual([]);
  });
});
