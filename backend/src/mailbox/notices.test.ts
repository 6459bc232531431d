import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/index.ts';
import { createPgliteDatabase, type Database, migrate } from '../db/index.ts';
import { addNotice, listNotices, markNoticeRead } from './notices.ts';
import { plainTextProblem } from './plain-text.ts';

const cipher = createFieldCipher([{ id: 'k', key: new Uint8Array(32).fill(5) }]);

describe('plainTextProblem', () => {
  it('accepts plain Japanese text with line breaks, refuses markup, controls, empty and long text', () => {
    expect(plainTextProblem('受け付けました。\n3 < 5 & 7 > 2', 100)).toBeUndefined();
    expect(plainTextProblem('<b>大事</b>', 100)).toMatch(/plain text/);
    expect(plainTextProblem('&lt;', 100)).toMatch(/plain text/);
    expect(plainTextProblem('a\u0007b', 100)).toMatch(/control/);
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
    const list = await listNotices(db, cipher, { residentId });
    expect(list.map((n) => [n.id, n.title, n.readAt])).toEqual([
      [second, '二通目', null],
      [first, '一通目', null],
    ]);
    await expect(
      markNoticeRead(db, { residentId: other, noticeId: first, now: new Date() }),
    ).rejects.toMatchObject({
      code: 'notice.not-found',
    });
    await markNoticeRead(db, { residentId, noticeId: first, now: new Date('2026-11-03T00:00:00Z') });
    await markNoticeRead(db, { residentId, noticeId: first, now: new Date('2026-11-04T00:00:00Z') });
    expect((await listNotices(db, cipher, { residentId }))[1]?.readAt).toBe('2026-11-03T00:00:00.000Z');
    await expect(
      addNotice(db, cipher, {
        residentId,
        sender,
        kind: 'receipt',
        title: 't',
        body: '<p>x</p>',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'notice.invalid' });
  });
});
