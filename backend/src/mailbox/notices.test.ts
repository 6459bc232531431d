import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFieldCipher } from '../crypto/index.ts';
import { createPgliteDatabase, type Database, migrate } from '../db/index.ts';
import { startMailboxJobs } from './mailbox-jobs.ts';
import { addNotice, listNotices, markNoticeRead, purgeExpiredNotices } from './notices.ts';
import { plainTextProblem } from './plain-text.ts';

const cipher = createFieldCipher([{ id: 'k', key: new Uint8Array(32).fill(5) }]);

describe('plainTextProblem', () => {
  it('accepts plain Japanese text with line breaks, refuses markup, controls, empty and long text', () => {
    expect(plainTextProblem('受け付けました。\n3 < 5 & 7 > 2', 100)).toBeUndefined();
    expect(plainTextProblem('<b>大事</b>', 100)).toMatch(/plain text/);
    expect(plainTextProblem('&lt;', 100)).toMatch(/plain text/);
    expect(plainTextProblem('a\u0007b', 100)).toMatch(/control/);
    expect(plainTextProblem('<script>alert(1)</script>', 100)).toMatch(/plain text/);
    expect(plainTextProblem('  ', 100)).toMatch(/empty/);
    expect(plainTextProblem('あ'.repeat(101), 100)).toMatch(/at most 100/);
  });
});

describe('notices', () => {
  let dir: string;
  let db: Database;
  const residentId = crypto.randomUUID();
  const other = crypto.randomUUID();
  const sender = { kind: 'system' as const, id: null, name: 'マイナTV' };
  const retentionDays = 365;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-notices-'));
    db = await createPgliteDatabase({ dir });
    await migrate(db);
    for (const id of [residentId, other]) {
      await db.query(
        `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
           registered_at, updated_at) VALUES ($1, $2, 'x', 'CN=ca', '01', now(), now())`,
        [id, `index-${id}`],
      );
    }
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores sealed, lists newest first, adds once per dedupe key, marks read per resident', async () => {
    const first = await addNotice(db, cipher, {
      residentId,
      sender,
      kind: 'receipt',
      title: '一通目',
      body: '本文です',
      now: new Date('2026-11-01T00:00:00Z'),
    });
    const add = () =>
      addNotice(db, cipher, {
        residentId,
        sender,
        kind: 'certificate-renewal',
        title: '二通目',
        body: '本文',
        dedupeKey: 'renewal:1',
        now: new Date('2026-11-02T00:00:00Z'),
      });
    const second = await add();
    expect(await add()).toBe(second);
    const [row] = await db.query<{ content_sealed: string }>(
      'SELECT content_sealed FROM resident_notices LIMIT 1',
    );
    expect(row?.content_sealed).not.toMatch(/通目|本文/);
    const list = await listNotices(db, cipher, {
      residentId,
      now: new Date('2026-11-05T00:00:00Z'),
      retentionDays,
    });
    expect(list.map((n) => [n.id, n.title, n.readAt])).toEqual([
      [second, '二通目', null],
      [first, '一通目', null],
    ]);
    await expect(
      markNoticeRead(db, {
        residentId: other,
        noticeId: first,
        now: new Date('2026-11-05T00:00:00Z'),
        retentionDays,
      }),
    ).rejects.toMatchObject({
      code: 'notice.not-found',
    });
    await markNoticeRead(db, {
      residentId,
      noticeId: first,
      now: new Date('2026-11-03T00:00:00Z'),
      retentionDays,
    });
    await markNoticeRead(db, {
      residentId,
      noticeId: first,
      now: new Date('2026-11-04T00:00:00Z'),
      retentionDays,
    });
    expect(
      (await listNotices(db, cipher, { residentId, now: new Date('2026-11-05T00:00:00Z'), retentionDays }))[1]
        ?.readAt,
    ).toBe('2026-11-03T00:00:00.000Z');
    await expect(
      addNotice(db, cipher, {
        residentId,
        sender,
        kind: 'receipt',
        title: 't',
        body: '<p>x</p>',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'notice.not-plain-text' });
  });

  it('keeps a notice for the retention days: then neither listed, readable nor kept', async () => {
    const resident = crypto.randomUUID();
    await db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, 'x', 'CN=ca', '01', now(), now())`,
      [resident, `index-${resident}`],
    );
    const sentAt = new Date('2026-01-01T00:00:00Z');
    const id = await addNotice(db, cipher, {
      residentId: resident,
      sender,
      kind: 'receipt',
      title: '古い',
      body: '本文',
      now: sentAt,
    });
    const at = (days: number) => ({ now: new Date(sentAt.getTime() + days * 86_400_000), retentionDays: 30 });
    const [listed] = await listNotices(db, cipher, { residentId: resident, ...at(29) });
    expect(listed).toMatchObject({ id, expiresAt: '2026-01-31T00:00:00.000Z', attachment: null });
    expect(await listNotices(db, cipher, { residentId: resident, ...at(30) })).toEqual([]);
    await expect(markNoticeRead(db, { residentId: resident, noticeId: id, ...at(31) })).rejects.toMatchObject(
      {
        code: 'notice.not-found',
      },
    );
    expect(await purgeExpiredNotices(db, at(29))).toBe(0);
    expect(await purgeExpiredNotices(db, at(31))).toBeGreaterThanOrEqual(1);
    expect(await db.query('SELECT 1 FROM resident_notices WHERE id = $1', [id])).toEqual([]);
    expect(await purgeExpiredNotices(db, at(31))).toBe(0);
  });

  it('purges expired notices as the mailbox job starts', async () => {
    const sentAt = new Date('2025-01-01T00:00:00Z');
    const id = await addNotice(db, cipher, {
      residentId,
      sender,
      kind: 'receipt',
      title: '古い',
      body: '本文',
      now: sentAt,
    });
    const purged: number[] = [];
    const errors: unknown[] = [];
    const jobs = startMailboxJobs({
      db,
      clock: () => new Date('2026-06-01T00:00:00Z'),
      retentionDays: 365,
      onPurged: (n) => purged.push(n),
      onError: (e) => errors.push(e),
    });
    await vi.waitFor(() => expect(purged).toHaveLength(1), { timeout: 30_000 });
    await jobs.stop();
    expect(await db.query('SELECT 1 FROM resident_notices WHERE id = $1', [id])).toEqual([]);
    expect(errors).toEqual([]);
  });
});
