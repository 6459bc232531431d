import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersonRef } from '@myna-tv/backend';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckinJournal, journalFileName, type NewShelterEvent } from './checkin-journal.ts';
import { headerBytes } from './journal-frame.ts';
import { isShelterError } from './shelter-error.ts';

const cardOf = (n: number): PersonRef => ({
  kind: 'card',
  certificateFingerprint: n.toString(16).padStart(64, '0'),
  certificateNotAfter: '2030-01-01T00:00:00.000Z',
  check: 'valid',
  crlAgeSeconds: 3600,
  pinVerified: false,
});
const checkIn = (n: number): NewShelterEvent => ({ type: 'check-in', person: cardOf(n), groupId: null });

describe('CheckinJournal', () => {
  let dir: string;
  let path: string;
  const clock = () => new Date('2026-11-24T05:00:00Z');
  const open = () => CheckinJournal.open(dir, { clock });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-journal-'));
    path = join(dir, journalFileName);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function writeEvents(count: number): Promise<string[]> {
    const { journal } = await open();
    const ids: string[] = [];
    for (let n = 1; n <= count; n++) ids.push((await journal.append(checkIn(n))).id);
    await journal.close();
    return ids;
  }

  it('numbers events 1, 2, 3 … with fresh ids and keeps them across a restart, owner-only', async () => {
    const { journal } = await open();
    const first = await journal.append(checkIn(1));
    const second = await journal.append({ type: 'check-out', person: cardOf(1) });
    expect(first).toMatchObject({ seq: 1, at: '2026-11-24T05:00:00.000Z', type: 'check-in' });
    expect(second.seq).toBe(2);
    expect(second.id).not.toBe(first.id);
    await journal.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const { journal: reopened, droppedBytes } = await open();
    expect(droppedBytes).toBe(0);
    expect(reopened.eventsAfter(0, 10)).toEqual([first, second]);
    expect((await reopened.append(checkIn(3))).seq).toBe(3);
    expect(reopened.eventsAfter(1, 1).map((e) => e.seq)).toEqual([2]);
    await reopened.close();
  });

  it('writes concurrent appends together, in order, each with its own number', async () => {
    const { journal } = await open();
    const events = await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append(checkIn(i + 1))));
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await journal.close();
    const { journal: reopened } = await open();
    expect(reopened.eventsAfter(0, 100)).toEqual(events);
    await reopened.close();
  });

  it('drops a torn last record cut at every byte, keeps every earlier one, and continues', async () => {
    const ids = await writeEvents(3);
    const whole = await readFile(path);
    const lastStart = whole.length - (whole.readUInt32BE(lastRecordOffset(whole)) + headerBytes);
    expect(lastStart).toBe(lastRecordOffset(whole));
    for (let cut = lastStart; cut < whole.length; cut++) {
      await writeFile(path, whole.subarray(0, cut));
      const { journal, droppedBytes } = await open();
      expect(droppedBytes).toBe(cut - lastStart);
      expect(journal.eventsAfter(0, 10).map((e) => e.id)).toEqual(ids.slice(0, 2));
      const next = await journal.append(checkIn(9));
      expect(next.seq).toBe(3);
      await journal.close();
      // The torn bytes are gone from the file: the new record follows the good ones directly.
      const { journal: again } = await open();
      expect(again.eventsAfter(0, 10).map((e) => e.id)).toEqual([...ids.slice(0, 2), next.id]);
      await again.close();
    }
  });

  it('drops a last record whose tail the file system filled with zeros or garbage', async () => {
    const ids = await writeEvents(2);
    const whole = await readFile(path);
    const last = lastRecordOffset(whole);
    for (const fill of [0x00, 0xff, 0x41]) {
      for (let from = last; from < whole.length; from += 7) {
        const damaged = Buffer.from(whole);
        damaged.fill(fill, from);
        if (damaged.equals(whole)) continue;
        await writeFile(path, damaged);
        const { journal } = await open();
        expect(journal.eventsAfter(0, 10).map((e) => e.id)).toEqual(ids.slice(0, 1));
        await journal.close();
      }
    }
  });

  it('refuses to open when a record before the last is damaged, and leaves the file untouched', async () => {
    await writeEvents(3);
    const whole = await readFile(path);
    const damaged = Buffer.from(whole);
    damaged[headerBytes + 5] = (damaged[headerBytes + 5] ?? 0) ^ 0x20; // inside the first record
    await writeFile(path, damaged);
    const err = await open().catch((e: unknown) => e);
    expect(isShelterError(err) && err.code).toBe('shelter.journal-corrupt');
    expect(await readFile(path)).toEqual(damaged);
  });

  it('refuses appends after a failed write instead of skipping a number', async () => {
    const { journal } = await open();
    await journal.append(checkIn(1));
    await journal.close();
    const err = await journal.append(checkIn(2)).catch((e: unknown) => e);
    expect(isShelterError(err) && err.code).toBe('shelter.journal-closed');
  });

  it('opens an empty journal after a crash before the first record was whole', async () => {
    await writeEvents(1);
    await truncate(path, 3);
    const { journal, droppedBytes } = await open();
    expect(droppedBytes).toBe(3);
    expect(journal.lastSeq).toBe(0);
    await journal.close();
  });
});

/** Offset of the last record, walking the length fields. */
function lastRecordOffset(bytes: Buffer): number {
  let offset = 0;
  let last = 0;
  while (offset < bytes.length) {
    last = offset;
    offset += headerBytes + bytes.readUInt32BE(offset);
  }
  return last;
}
