import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PushMessage } from '@myna-tv/backend';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLinkError } from './link-error.ts';
import { inboxFileName, PushInbox } from './push-inbox.ts';

const start = Date.parse('2026-09-01T09:00:00Z');
const message = (seq: number, expiresInMs = 3_600_000): PushMessage => ({
  seq,
  target: { kind: 'area', areaCode: '131016' },
  payload: { text: `避難指示 ${seq}` },
  createdAt: new Date(start).toISOString(),
  expiresAt: new Date(start + expiresInMs).toISOString(),
});

describe('PushInbox', () => {
  let dir: string;
  let now: number;
  const clock = () => now;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-inbox-'));
    now = start;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps messages until shown, across a restart, with the highest seq stored', async () => {
    const inbox = await PushInbox.open(dir, { now: clock });
    expect(inbox.lastSeq).toBe(0);
    expect(await inbox.add(message(7))).toBe(true);
    expect(await inbox.add(message(5))).toBe(true);
    expect((await stat(join(dir, inboxFileName))).mode & 0o777).toBe(0o600);

    const reopened = await PushInbox.open(dir, { now: clock });
    expect(reopened.lastSeq).toBe(7);
    expect(reopened.pending().map((m) => m.seq)).toEqual([5, 7]);
    expect(await reopened.markShown(5)).toBe(true);
    expect(await reopened.markShown(5)).toBe(false);
    expect((await PushInbox.open(dir, { now: clock })).pending()).toEqual([message(7)]);
  });

  it('ignores a seq it already has, shown or not, and announces only new messages', async () => {
    const inbox = await PushInbox.open(dir, { now: clock });
    const announced: number[] = [];
    inbox.on('message', (m) => announced.push(m.seq));
    await inbox.add(message(1));
    await inbox.markShown(1);
    const [first, again] = await Promise.all([inbox.add(message(2)), inbox.add(message(2))]);
    expect([first, again]).toEqual([true, false]);
    expect(await inbox.add(message(1))).toBe(false);
    expect(announced).toEqual([1, 2]);
  });

  it('drops expired messages but remembers the last seq', async () => {
    const inbox = await PushInbox.open(dir, { now: clock });
    await inbox.add(message(3, 1000));
    await inbox.add(message(4));
    now += 2000;
    expect(inbox.pending().map((m) => m.seq)).toEqual([4]);
    await inbox.markShown(4);
    const reopened = await PushInbox.open(dir, { now: clock });
    expect(reopened.lastSeq).toBe(4);
    expect(reopened.pending()).toEqual([]);
  });

  it('yields new messages to an async iterator until aborted', async () => {
    const inbox = await PushInbox.open(dir, { now: clock });
    const controller = new AbortController();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const m of inbox.messages(controller.signal)) {
        seen.push(m.seq);
        if (seen.length === 2) controller.abort();
      }
    })();
    await inbox.add(message(1));
    await inbox.add(message(2));
    await reading;
    expect(seen).toEqual([1, 2]);
  });

  it('does not keep a message it could not write, so it is not acknowledged', async () => {
    const inbox = await PushInbox.open(dir, { now: clock });
    // A folder where the file should go makes the rename fail, even for root.
    await mkdir(join(dir, inboxFileName));
    const error = await inbox.add(message(9)).catch((err: unknown) => err);
    expect(isLinkError(error, 'link.inbox-write-failed')).toBe(true);
    expect(inbox.lastSeq).toBe(0);
    expect(inbox.pending()).toEqual([]);
    await rm(join(dir, inboxFileName), { recursive: true });
    expect(await inbox.add(message(9))).toBe(true);
  });

  it('sets an unreadable file aside and starts over from seq 0', async () => {
    await writeFile(join(dir, inboxFileName), '{"trunc', { mode: 0o600 });
    const inbox = await PushInbox.open(dir, { now: clock });
    expect(inbox.lastSeq).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([`${inboxFileName}.corrupt`]);
  });
});
