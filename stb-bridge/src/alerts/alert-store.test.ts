import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertPayload } from '@myna-tv/disaster';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PushInbox } from '../link/push-inbox.ts';
import type { ActiveAlert } from '../local-api/contracts.ts';
import { isAlertMessage } from './alert-message.ts';
import { AlertResponseOutbox, alertOutboxDirName } from './alert-response-outbox.ts';
import { AlertStore } from './alert-store.ts';
import { alertMessage, alertPayload } from './testing/alert-fixtures.ts';

let dir: string;
let now: number;
const clock = () => now;

async function openStore() {
  const inbox = await PushInbox.open(dir, { now: clock });
  const { outbox } = await AlertResponseOutbox.open(dir);
  const store = await AlertStore.open(dir, { inbox, outbox, now: clock });
  const arrived: ActiveAlert[] = [];
  store.on('alert', (alert) => arrived.push(alert));
  return { inbox, outbox, store, arrived };
}

const seqs = (store: AlertStore) => store.active().map((a) => a.seq);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-alerts-'));
  now = Date.parse('2026-11-24T01:00:00Z');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('alert store', () => {
  it('keeps an alert until it is answered (not just shown), across a restart', async () => {
    const box = await openStore();
    const message = alertMessage(5, alertPayload({ level: 4 }));
    await box.inbox.add(message);
    expect(box.arrived.map((a) => a.seq)).toEqual([5]);
    expect(box.store.active()).toEqual([
      {
        seq: 5,
        receivedAt: expect.any(String),
        expiresAt: message.expiresAt,
        shownAt: null,
        payload: message.payload,
      },
    ]);

    const shown = await box.store.markShown(5);
    expect(shown).toMatchObject({ seq: 5, shownAt: new Date(now).toISOString() });
    expect(seqs(box.store)).toEqual([5]);

    const restarted = await openStore();
    expect(restarted.store.active()).toMatchObject([{ seq: 5, shownAt: new Date(now).toISOString() }]);
    now += 60_000;
    const answered = await restarted.store.answer(5, 'evacuating');
    expect(answered).toEqual({ seq: 5, answer: 'evacuating', answeredAt: new Date(now).toISOString() });
    expect(seqs(restarted.store)).toEqual([]);
    // Repeating the answer gives back what was recorded.
    expect(await restarted.store.answer(5, 'safe')).toEqual(answered);

    const again = await openStore();
    expect(seqs(again.store)).toEqual([]);
    expect(again.outbox.pending().map((p) => p.record)).toEqual([
      {
        seq: 5,
        shownAt: '2026-11-24T01:00:00.000Z',
        answer: 'evacuating',
        answeredAt: '2026-11-24T01:01:00.000Z',
      },
    ]);
  });

  it('never lists or announces a Test alert, and keeps alerts off the plain message list', async () => {
    const box = await openStore();
    const test = alertMessage(3, { ...alertPayload(), status: 'Test' } as unknown as AlertPayload);
    await box.inbox.add(test);
    expect(box.arrived).toEqual([]);
    expect(box.store.active()).toEqual([]);
    expect(await box.store.markShown(3)).toBe('not-active');
    expect(isAlertMessage(test)).toBe(true);
    expect(isAlertMessage({ ...test, payload: { level: 4, text: '避難指示' } })).toBe(false);
  });

  it('shows only the newest message of a thread: an update replaces, a cancel ends with a notice', async () => {
    const box = await openStore();
    await box.inbox.add(alertMessage(10, alertPayload({ thread: 't1', level: 3 })));
    await box.inbox.add(alertMessage(11, alertPayload({ thread: 't2', level: 4 })));
    expect(seqs(box.store)).toEqual([11, 10]);

    await box.inbox.add(alertMessage(12, alertPayload({ thread: 't1', level: 5 })));
    expect(seqs(box.store)).toEqual([12, 11]);
    expect(await box.store.answer(10, 'safe')).toBe('not-active');

    await box.inbox.add(alertMessage(13, alertPayload({ thread: 't2', kind: 'cancel', level: null })));
    expect(box.arrived.map((a) => a.seq)).toEqual([10, 11, 12, 13]);
    expect(seqs(box.store)).toEqual([12, 13]);
    // A notice is done once shown, and is not reported to the backend.
    await box.store.markShown(13);
    expect(seqs(box.store)).toEqual([12]);
    expect(box.outbox.pending()).toEqual([]);

    // A lift after the answer still tells the viewer; a cancel of a thread never seen here says nothing.
    await box.store.answer(12, 'at-shelter');
    await box.inbox.add(alertMessage(14, alertPayload({ thread: 't1', kind: 'lift' })));
    await box.inbox.add(alertMessage(15, alertPayload({ thread: 't9', kind: 'cancel' })));
    expect(seqs(box.store)).toEqual([14]);
    expect(box.arrived.map((a) => a.seq)).toEqual([10, 11, 12, 13, 14]);
  });

  it('drops an alert once it expires (its own expiry when earlier than the push)', async () => {
    const box = await openStore();
    const expires = new Date(now + 30_000).toISOString();
    const payload = alertPayload();
    await box.inbox.add(alertMessage(20, { ...payload, alert: { ...payload.alert, expires } }));
    expect(box.store.active()).toMatchObject([{ seq: 20, expiresAt: expires }]);
    now += 30_000;
    expect(box.store.active()).toEqual([]);
  });

  it('keeps nothing half written: a failed write leaves the alert unanswered', async () => {
    const box = await openStore();
    await box.inbox.add(alertMessage(30, alertPayload()));
    await rm(join(dir, alertOutboxDirName), { recursive: true });
    await expect(box.store.answer(30, 'need-help')).rejects.toThrow();
    expect(seqs(box.store)).toEqual([30]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('sets aside an outbox file that does not read back whole', async () => {
    const box = await openStore();
    await box.inbox.add(alertMessage(40, alertPayload()));
    await box.store.answer(40, 'safe');
    const path = join(dir, alertOutboxDirName, '40.json');
    const text = await readFile(path, 'utf8');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, text.slice(0, 20)));
    const { outbox, setAside } = await AlertResponseOutbox.open(dir);
    expect(setAside).toEqual(['40.json']);
    expect(outbox.pending()).toEqual([]);
  });
});
