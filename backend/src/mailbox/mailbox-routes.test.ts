// The mailbox (電子私書箱) through the HTTP API: municipalities' and insurers' API clients send notices to
// residents named by the four basic items, only to their own; each kind of bad input gets its own answer;
// the resident lists them newest first, reads one, marks it read; another resident sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../accounts/index.ts';
import { gregorianOf } from '../dev-jpki/index.ts';
import {
  call,
  createTestApp,
  type EnrolledBox,
  enrolBox,
  loginAsAdmin,
  registerResident,
  type TestApp,
} from '../http/testing/test-app.ts';
import { cardOf } from '../http/testing/test-card.ts';
import { startTestPki, type TestPki } from '../jpki/testing/test-pki.ts';
import type { Notice, SentNotice } from './contracts.ts';

let pki: TestPki;
let t: TestApp;
let box: EnrolledBox;
const sessions: Record<string, Record<string, string>> = {};
const clients: Record<string, Record<string, string>> = {};

const fourItems = (holderId: string) => {
  // The development PKI's form: `EYYYYMMDD` and '1' / '2' / '3'.
  const info = pki.holder(holderId).basicInfo;
  const { year, month, day } = gregorianOf(info.dateOfBirth);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    name: info.name,
    dateOfBirth: `${year}-${pad(month)}-${pad(day)}`,
    gender: ({ '1': 'male', '2': 'female', '3': 'unknown' } as const)[info.gender],
    address: info.address,
  };
};

async function register(holderId: string) {
  sessions[holderId] = await registerResident(t, box, cardOf(pki, pki.holder(holderId)));
}

async function client(name: string, role: 'municipality' | 'insurer', localGovernmentCode?: string) {
  const { client, secret } = await createApiClient(t.db, {
    name,
    role,
    ...(localGovernmentCode ? { localGovernmentCode } : {}),
    actor: { id: 'test', role: 'system', requestId: null },
    now: t.clock(),
  } as Parameters<typeof createApiClient>[1]);
  clients[name] = {
    authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`,
  };
}

beforeAll(async () => {
  pki = await startTestPki();
  t = await createTestApp({ pki });
  box = await enrolBox(t, await loginAsAdmin(t));
  await register('tanaka-hanako');
  await register('sato-yui');
  await client('美波町', 'municipality', '363871');
  await client('千代田区', 'municipality', '131016');
  await client('マイナ生命', 'insurer');
  await client('よその保険', 'insurer');
  const contract = await call(t, 'PUT', '/api/v1/insurer/contracts/MYNA-1', {
    headers: clients.マイナ生命,
    body: { dueMonth: 6, holder: fourItems('tanaka-hanako') },
  });
  expect(contract.status, await contract.clone().text()).toBe(201);
}, 180_000);
afterAll(async () => {
  await t.close();
  await pki.close();
});

const send = (sender: string, body: Record<string, unknown>) =>
  call(t, 'POST', '/api/v1/mailbox/notices', { headers: clients[sender], body });
const notice = (noticeId: string, extra: Record<string, unknown> = {}) => ({
  noticeId,
  recipient: fourItems('tanaka-hanako'),
  title: '児童手当の現況について',
  body: '6月30日までに届け出てください。\n詳しくは添付をご覧ください。',
  ...extra,
});
async function errorOf(response: Response) {
  return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
}
const listOf = async (holderId: string) =>
  (
    (await (
      await call(t, 'GET', '/api/v1/residents/me/notices', { headers: sessions[holderId] })
    ).json()) as {
      notices: Notice[];
    }
  ).notices;

describe('mailbox', () => {
  it('delivers a municipality notice with its attachment link to the named resident only, newest first', async () => {
    const attachment = {
      url: 'https://www.town.minami.example/notices/2026-001.pdf',
      title: '通知書（PDF）',
    };
    const first = await send('美波町', notice('minami-2026-001', { attachment }));
    expect(first.status).toBe(201);
    const sent = (await first.json()) as SentNotice;
    t.clock.advance(60_000);
    expect((await send('マイナ生命', notice('ins-1', { title: '契約内容のお知らせ' }))).status).toBe(201);
    const listed = await listOf('tanaka-hanako');
    expect(listed.map((n) => [n.title, n.senderName, n.kind])).toEqual([
      ['契約内容のお知らせ', 'マイナ生命', 'insurer-notice'],
      ['児童手当の現況について', '美波町', 'municipality-notice'],
    ]);
    expect(listed[1]).toMatchObject({ id: sent.id, attachment, readAt: null, expiresAt: sent.expiresAt });
    expect(Date.parse(sent.expiresAt) - Date.parse(sent.createdAt)).toBe(365 * 86_400_000);
    expect(await listOf('sato-yui')).toEqual([]);

    // Another resident: the same 404 as for a notice that does not exist.
    const other = sessions['sato-yui'];
    expect(
      await errorOf(await call(t, 'GET', `/api/v1/residents/me/notices/${sent.id}`, { headers: other })),
    ).toEqual([404, 'notice.not-found']);
    expect(
      await errorOf(
        await call(t, 'POST', `/api/v1/residents/me/notices/${sent.id}/read`, { headers: other }),
      ),
    ).toEqual([404, 'notice.not-found']);
    const own = sessions['tanaka-hanako'];
    const one = await call(t, 'GET', `/api/v1/residents/me/notices/${sent.id}`, { headers: own });
    expect(((await one.json()) as Notice).body).toContain('6月30日');
    expect(
      (await call(t, 'POST', `/api/v1/residents/me/notices/${sent.id}/read`, { headers: own })).status,
    ).toBe(204);
    expect((await listOf('tanaka-hanako'))[1]?.readAt).not.toBeNull();
  });

  it('answers the same send again with the first notice and refuses the id reused for another', async () => {
    const first = await send('美波町', notice('minami-2026-002'));
    expect(first.status).toBe(201);
    const again = await send('美波町', notice('minami-2026-002'));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(await errorOf(await send('美波町', notice('minami-2026-002', { body: '別の本文' })))).toEqual([
      409,
      'notice.id-reused',
    ]);
    const toOther = notice('minami-2026-002', { recipient: fourItems('sato-yui') });
    expect(await errorOf(await send('美波町', toOther))).toEqual([409, 'notice.id-reused']);
    // Another sender's id space: the same id is a new notice.
    expect((await send('マイナ生命', notice('minami-2026-002'))).status).toBe(201);
    const copies = (await listOf('tanaka-hanako')).filter((n) => n.title === '児童手当の現況について');
    expect(copies).toHaveLength(3);
  });

  it('refuses oversized, marked-up and badly linked notices with their own codes, storing nothing', async () => {
    const before = (await listOf('tanaka-hanako')).length;
    expect(await errorOf(await send('美波町', notice('big', { body: 'あ'.repeat(2001) })))).toEqual([
      413,
      'notice.too-large',
    ]);
    expect(await errorOf(await send('美波町', notice('big-title', { title: 'お'.repeat(101) })))).toEqual([
      413,
      'notice.too-large',
    ]);
    expect(await errorOf(await send('美波町', notice('huge', { body: 'x'.repeat(200_000) })))).toEqual([
      413,
      'request.body-too-large',
    ]);
    for (const body of [
      '<script>alert(1)</script>',
      '<a href="https://evil.example">ここ</a>',
      '&lt;b&gt;',
      'a\u0000b',
    ])
      expect(await errorOf(await send('美波町', notice('markup', { body })))).toEqual([
        400,
        'notice.not-plain-text',
      ]);
    for (const url of [
      'http://www.town.minami.example/a.pdf',
      'javascript:alert(1)',
      'ftp://files.example/a.pdf',
      'https://user:pass@files.example/a.pdf',
      'not a url',
    ])
      expect(
        await errorOf(await send('美波町', notice('link', { attachment: { url, title: '添付' } }))),
      ).toEqual([400, 'notice.attachment-invalid']);
    expect(await errorOf(await send('美波町', notice('empty', { title: '  ' })))).toEqual([
      400,
      'notice.invalid',
    ]);
    expect(await errorOf(await send('美波町', notice('bad id!')))).toEqual([400, 'request.invalid']);
    expect((await listOf('tanaka-hanako')).length).toBe(before);
  });

  it('lets a sender reach only its own residents, and only API clients of municipalities and insurers send', async () => {
    expect(await errorOf(await send('千代田区', notice('c-1')))).toEqual([404, 'notice.recipient-not-found']);
    expect(await errorOf(await send('よその保険', notice('o-1')))).toEqual([
      404,
      'notice.recipient-not-found',
    ]);
    const stranger = notice('m-9', { recipient: { ...fourItems('tanaka-hanako'), name: '山田　太郎' } });
    expect(await errorOf(await send('美波町', stranger))).toEqual([404, 'notice.recipient-not-found']);
    const asResident = await call(t, 'POST', '/api/v1/mailbox/notices', {
      headers: sessions['tanaka-hanako'],
      body: notice('r-1'),
    });
    expect(await errorOf(asResident)).toEqual([403, 'auth.forbidden']);
    const admin = await loginAsAdmin(t);
    expect(
      await errorOf(
        await call(t, 'POST', '/api/v1/mailbox/notices', { headers: admin, body: notice('a-1') }),
      ),
    ).toEqual([403, 'auth.forbidden']);
    expect(await errorOf(await call(t, 'POST', '/api/v1/mailbox/notices', { body: notice('n-1') }))).toEqual([
      401,
      'auth.required',
    ]);
  });
});
