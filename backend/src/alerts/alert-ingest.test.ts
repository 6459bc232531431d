// Alert ingest through the HTTP API, on PGlite and on PostgreSQL: every refusal code (and the next alert
// still taken), duplicates, threads in and out of order, foreign senders, expiry, signatures against
// configured anchors, concurrency, and the operators' compose form. The dispatcher records its calls.
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAreaNames } from '../areas/index.ts';
import {
  call,
  createTestApp,
  loginAsAdmin,
  loginAsOperator,
  type TestApp,
} from '../http/testing/test-app.ts';
import { testDatabases } from '../http/testing/test-databases.ts';
import { expireAlerts } from './alert-records.ts';
import {
  alertFixture,
  capMessage,
  capTime,
  createCertificate,
  createPublisher,
  postAlert,
  setClock,
  signCap,
  type TestCertificate,
} from './alert-test-support.ts';
import type { IngestAnswer } from './ingest-alert.ts';

const maxBytes = 64 * 1024;
const signingSender = 'signed@pref.example.jp';
/** The senders of the fixtures and of the messages made here: the test publisher is bound to them. */
const boundSenders = [
  'bousai@town.minami.example.jp',
  'someone@elsewhere.example',
  'minami-town@l-alert.example.jp',
  'jma:徳島地方気象台',
  'order@town.example.jp',
  signingSender,
];

let ca: TestCertificate;
let signer: TestCertificate;
let stranger: TestCertificate;
/** The instant the test clock is set to. */
const testNow = '2026-11-24T11:00:00+09:00';
beforeAll(async () => {
  // Valid around the test clock, not the day the suite runs: the signature is checked at the clock's time, so
  // certificates valid from yesterday on failed once the real date was a day past the clock.
  const validity = {
    notBefore: new Date(Date.parse(testNow) - 86_400_000),
    notAfter: new Date(Date.parse(testNow) + 10 * 365 * 86_400_000),
  };
  ca = await createCertificate({ commonName: 'Alert test CA', ca: true, ...validity }, null);
  signer = await createCertificate({ commonName: 'Prefecture alerts', ...validity }, ca);
  stranger = await createCertificate({ commonName: 'Not chained', ...validity }, null);
});

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe.each(testDatabases)('alert ingest on %s', (_name, openDatabase) => {
  let t: TestApp;
  let external: Awaited<ReturnType<typeof openDatabase>>;
  let publisher: Record<string, string>;

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp({
      ...(external ? { db: external.db } : {}),
      alerts: {
        settings: {
          maxBytes,
          signedSenders: [signingSender],
          anchors: [new X509Certificate(ca.pem)],
          composeSender: 'ops@myna-tv.test',
        },
      },
    });
    publisher = await createPublisher(t, boundSenders);
    setClock(t, testNow);
  });
  afterAll(async () => {
    await t.close();
    await external?.dispose();
  });

  const send = async (xml: string | Uint8Array, contentType?: string) => {
    const response = await postAlert(t, publisher, xml, contentType);
    return {
      status: response.status,
      body: (await response.json()) as IngestAnswer & { error?: { code: string } },
    };
  };
  const stateOf = async (id: string) =>
    (
      await t.db.query<{ state: string; thread: string }>('SELECT state, thread FROM alerts WHERE id = $1', [
        id,
      ])
    )[0];
  const dispatchedCount = () => t.dispatched.length;
  /** A fresh identifier for the order tests. */
  const unique = (label: string) => `TEST-${label}-${crypto.randomUUID()}`;
  const sender = 'order@town.example.jp';
  const hour = 3_600_000;

  it('refuses other roles and other media types', async () => {
    const admin = await loginAsAdmin(t);
    const xml = alertFixture('cap-evacuation-polygon.xml');
    expect((await postAlert(t, admin, xml)).status).toBe(403);
    for (const type of ['text/plain', 'application/json', 'application/x-www-form-urlencoded']) {
      const response = await postAlert(t, publisher, xml, type);
      expect(response.status).toBe(415);
      expect(await errorCode(response)).toBe('request.unsupported-media-type');
    }
    const composed = await call(t, 'POST', '/api/v1/ops/alerts/compose', { headers: publisher, body: {} });
    expect(composed.status).toBe(403);
  });

  it('answers 413 over the size cap, before parsing', async () => {
    const padding = `<!-- ${'x'.repeat(maxBytes)} -->`;
    const xml = alertFixture('cap-evacuation-polygon.xml').replace('<alert ', `${padding}<alert `);
    const response = await postAlert(t, publisher, xml);
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('request.body-too-large');
  });

  it('stores a new alert in force, dispatches it once, and answers a duplicate with the same body', async () => {
    const xml = alertFixture('cap-evacuation-polygon.xml');
    const first = await send(xml, 'application/xml');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ outcome: 'new', state: 'in-force', targeted: 0, pushSeq: null });
    expect(first.body.thread).toBe(first.body.id);
    expect(t.dispatched.at(-1)).toMatchObject({ kind: 'issue', ids: [], alert: { id: first.body.id } });
    expect(t.dispatched.at(-1)?.alert.alert.identifier).toBe('JP-363871-20261124-0001');
    const before = dispatchedCount();
    for (let i = 0; i < 3; i++) {
      const again = await send(xml);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    }
    expect(dispatchedCount()).toBe(before);
    const [row] = await t.db.query<Record<string, unknown>>(
      `SELECT source, publisher, level, headline, xml, alert->>'identifier' AS identifier, sent, expires_at
       FROM alerts WHERE id = $1`,
      [first.body.id],
    );
    expect(row).toMatchObject({
      source: 'api',
      level: 4,
      headline: '美波町 日和佐地区に避難指示（警戒レベル4）',
      xml,
      identifier: 'JP-363871-20261124-0001',
      sent: new Date('2026-11-24T01:00:00Z'),
      expires_at: new Date('2026-11-24T13:00:00Z'),
    });
  });

  it('an Update replaces and a Cancel withdraws, in one thread', async () => {
    const original = (await send(alertFixture('cap-evacuation-polygon.xml'))).body;
    const update = await send(alertFixture('cap-update.xml'));
    expect(update.status).toBe(201);
    expect(update.body).toMatchObject({ outcome: 'updated', state: 'in-force', thread: original.thread });
    expect(t.dispatched.at(-1)).toMatchObject({
      kind: 'issue',
      ids: [original.id],
      alert: { id: update.body.id },
    });
    expect(await stateOf(original.id)).toEqual({ state: 'superseded', thread: original.thread });

    const cancel = await send(alertFixture('cap-cancel.xml'));
    expect(cancel.body).toMatchObject({ outcome: 'cancelled', state: 'withdrawn', thread: original.thread });
    expect(t.dispatched.at(-1)).toMatchObject({
      kind: 'withdraw',
      ids: [update.body.id],
      alert: { id: cancel.body.id },
    });
    expect(await stateOf(update.body.id)).toMatchObject({ state: 'withdrawn' });
    expect(await stateOf(original.id)).toMatchObject({ state: 'withdrawn' });

    // An Update older than the Cancel, arriving after it, stays withdrawn and dispatches nothing.
    const before = dispatchedCount();
    const late = await send(
      alertFixture('cap-update-2.xml')
        .replace('<sent>2026-11-24T14:00:00+09:00</sent>', '<sent>2026-11-24T12:10:00+09:00</sent>')
        .replace('-U2<', '-U2-late<'),
    );
    expect(late.body).toMatchObject({ outcome: 'withdrawn', state: 'withdrawn', thread: original.thread });
    expect(dispatchedCount()).toBe(before);
  });

  it('refuses a Cancel from another sender, and an identifier reused with another time', async () => {
    const foreign = await send(alertFixture('cap-foreign-cancel.xml'));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.code).toBe('alert.foreign-sender');
    const reused = alertFixture('cap-evacuation-polygon.xml').replace(
      '<sent>2026-11-24T10:00:00+09:00</sent>',
      '<sent>2026-11-24T10:05:00+09:00</sent>',
    );
    const response = await send(reused);
    expect(response.status).toBe(409);
    expect(response.body.error?.code).toBe('alert.identifier-reused');
    // Nobody but the operators may send as the compose sender.
    const impostor = capMessage({
      identifier: unique('impostor'),
      sender: 'ops@myna-tv.test',
      sent: t.clock(),
      expires: new Date(t.clock().getTime() + hour),
    });
    expect((await send(impostor)).body.error?.code).toBe('alert.foreign-sender');
  });

  it('resolves threads whatever the arrival order', async () => {
    const now = t.clock();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const id = unique('order');
    const original = capMessage({ identifier: id, sender, sent: at(0), expires: at(600) });
    const ref = (identifier: string, minutes: number) => `${sender},${identifier},${capTimeOf(minutes)}`;
    const capTimeOf = (minutes: number) =>
      `${new Date(at(minutes).getTime() + 9 * hour).toISOString().slice(0, 19)}+09:00`;
    const updateId = `${id}-U`;
    const update = capMessage({
      identifier: updateId,
      sender,
      sent: at(10),
      expires: at(600),
      msgType: 'Update',
      references: ref(id, 0),
    });
    const cancel = capMessage({
      identifier: `${id}-C`,
      sender,
      sent: at(20),
      expires: at(600),
      msgType: 'Cancel',
      references: ref(updateId, 10),
    });

    // Update first: in force at once (nothing known to replace)…
    const u = await send(update);
    expect(u.body).toMatchObject({ outcome: 'updated', state: 'in-force' });
    expect(t.dispatched.at(-1)).toMatchObject({ kind: 'issue', ids: [], alert: { id: u.body.id } });
    // …then the original arrives late: superseded on arrival, not dispatched, same thread.
    const before = dispatchedCount();
    const o = await send(original);
    expect(o.body).toMatchObject({ outcome: 'superseded', state: 'superseded', thread: u.body.thread });
    expect(dispatchedCount()).toBe(before);
    // The Cancel withdraws the thread.
    const c = await send(cancel);
    expect(c.body).toMatchObject({ outcome: 'cancelled', thread: u.body.thread });
    expect(t.dispatched.at(-1)).toMatchObject({ kind: 'withdraw', ids: [u.body.id] });

    // Cancel before its original: kept, and the original arriving later is withdrawn on arrival.
    const id2 = unique('cancel-first');
    const cancelFirst = await send(
      capMessage({
        identifier: `${id2}-C`,
        sender,
        sent: at(5),
        expires: at(600),
        msgType: 'Cancel',
        references: ref(id2, 0),
      }),
    );
    expect(cancelFirst.body).toMatchObject({ outcome: 'cancel-unknown', state: 'withdrawn' });
    const count = dispatchedCount();
    const lateOriginal = await send(capMessage({ identifier: id2, sender, sent: at(0), expires: at(600) }));
    expect(lateOriginal.body).toMatchObject({
      outcome: 'withdrawn',
      state: 'withdrawn',
      thread: cancelFirst.body.thread,
    });
    expect(dispatchedCount()).toBe(count);

    // A Cancel for an alert never received.
    const unknown = await send(alertFixture('cap-cancel-unknown.xml'));
    expect(unknown.body).toMatchObject({ outcome: 'cancel-unknown', state: 'withdrawn', targeted: 0 });
    expect(dispatchedCount()).toBe(count);
  });

  it('two threads joined by one message keep the older thread id', async () => {
    const now = t.clock();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const time = (minutes: number) =>
      `${new Date(at(minutes).getTime() + 9 * hour).toISOString().slice(0, 19)}+09:00`;
    const a = unique('join-a');
    const b = unique('join-b');
    const first = await send(capMessage({ identifier: a, sender, sent: at(0), expires: at(600) }));
    // An Update naming b (not received yet): its own thread.
    const second = await send(
      capMessage({
        identifier: `${b}-U`,
        sender,
        sent: at(10),
        expires: at(600),
        msgType: 'Update',
        references: `${sender},${b},${time(5)}`,
      }),
    );
    expect(second.body.thread).not.toBe(first.body.thread);
    // b references a: the two threads are one now, under the older id.
    const joined = await send(
      capMessage({
        identifier: b,
        sender,
        sent: at(5),
        expires: at(600),
        msgType: 'Update',
        references: `${sender},${a},${time(0)}`,
      }),
    );
    expect(joined.body).toMatchObject({ thread: first.body.thread, state: 'superseded' });
    expect(await stateOf(second.body.id)).toEqual({ state: 'in-force', thread: first.body.thread });
    expect(await stateOf(first.body.id)).toEqual({ state: 'superseded', thread: first.body.thread });
  });

  it('expires alerts at their expires, and never dispatches an alert received after it', async () => {
    const now = t.clock();
    const soon = await send(
      capMessage({
        identifier: unique('expiring'),
        sender,
        sent: now,
        expires: new Date(now.getTime() + 60_000),
      }),
    );
    expect(soon.body.state).toBe('in-force');
    expect(await expireAlerts(t.db, now)).toBe(0);
    expect(await expireAlerts(t.db, new Date(now.getTime() + 61_000))).toBeGreaterThanOrEqual(1);
    expect(await stateOf(soon.body.id)).toMatchObject({ state: 'expired' });

    const before = dispatchedCount();
    const stale = await send(
      capMessage({
        identifier: unique('stale'),
        sender,
        sent: new Date(now.getTime() - 2 * hour),
        expires: new Date(now.getTime() - hour),
      }),
    );
    expect(stale.body).toMatchObject({ outcome: 'new', state: 'expired' });
    expect(dispatchedCount()).toBe(before);
  });

  it('threads L-Alert revisions and JMA reports by their series', async () => {
    for (const [issue, lift] of [
      ['l-alert-evacuation-issue.xml', 'l-alert-evacuation-lift.xml'],
      ['jma-warning-issue.xml', 'jma-warning-lift.xml'],
    ] as const) {
      const first = await send(alertFixture(issue));
      expect({ issue, status: first.status, outcome: first.body.outcome }).toEqual({
        issue,
        status: 201,
        outcome: 'new',
      });
      const second = await send(alertFixture(lift));
      expect(second.body).toMatchObject({ thread: first.body.thread, outcome: 'updated' });
      expect(t.dispatched.at(-1)).toMatchObject({ kind: 'issue', ids: [first.body.id] });
      expect(await stateOf(first.body.id)).toMatchObject({ state: 'superseded' });
    }
  });

  it('withdraws what an Update already expired on arrival replaced', async () => {
    const now = t.clock();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const id = unique('expired-update');
    const original = await send(capMessage({ identifier: id, sender, sent: at(-120), expires: at(60) }));
    expect(original.body.state).toBe('in-force');
    const update = await send(
      capMessage({
        identifier: `${id}-U`,
        sender,
        sent: at(-60),
        expires: at(-1),
        msgType: 'Update',
        references: `${sender},${id},${capTime(at(-120))}`,
      }),
    );
    expect(update.body).toMatchObject({ outcome: 'updated', state: 'expired', thread: original.body.thread });
    expect(await stateOf(original.body.id)).toMatchObject({ state: 'superseded' });
    // The original's push is withdrawn through the dispatcher (its households told it is over).
    expect(t.dispatched.at(-1)).toMatchObject({
      kind: 'withdraw',
      ids: [original.body.id],
      alert: { id: update.body.id },
    });
    expect(update.body).toMatchObject({ targeted: 0, pushSeq: null });

    // Nothing to withdraw when what it replaced was no longer in force.
    const id2 = unique('expired-update-2');
    await send(capMessage({ identifier: id2, sender, sent: at(-120), expires: at(-30) }));
    await expireAlerts(t.db, now);
    const before = dispatchedCount();
    const late = await send(
      capMessage({
        identifier: `${id2}-U`,
        sender,
        sent: at(-60),
        expires: at(-1),
        msgType: 'Update',
        references: `${sender},${id2},${capTime(at(-120))}`,
      }),
    );
    expect(late.body).toMatchObject({ outcome: 'updated', state: 'expired' });
    expect(dispatchedCount()).toBe(before);
  });

  it('refuses a message of a sender the publisher is not bound to, before anything else', async () => {
    const other = await createPublisher(t, ['other@town.example.jp']);
    const message = (identifier: string, from: string) =>
      capMessage({
        identifier,
        sender: from,
        sent: t.clock(),
        expires: new Date(t.clock().getTime() + hour),
      });
    const id = unique('not-bound');
    const before = dispatchedCount();
    for (const xml of [
      message(id, sender),
      // Not even a duplicate of another publisher's stored alert is answered.
      alertFixture('cap-evacuation-polygon.xml'),
    ]) {
      const refused = await postAlert(t, other, xml);
      expect([refused.status, await errorCode(refused)]).toEqual([403, 'alert.sender-not-allowed']);
    }
    expect(await t.db.query('SELECT id FROM alerts WHERE identifier = $1', [id])).toEqual([]);
    expect(dispatchedCount()).toBe(before);
    const own = await postAlert(t, other, message(unique('bound'), 'other@town.example.jp'));
    expect(own.status).toBe(201);
    const [row] = await t.db.query<{ publisher: string }>(`SELECT publisher FROM alerts WHERE id = $1`, [
      ((await own.json()) as IngestAnswer).id,
    ]);
    expect(row?.publisher).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stores Test messages without dispatching them, in threads of their own', async () => {
    const before = dispatchedCount();
    const id = unique('test-status');
    const at = (minutes: number) => new Date(t.clock().getTime() + minutes * 60_000);
    const test = await send(
      capMessage({ identifier: id, sender, sent: at(0), expires: at(60), status: 'Test' }),
    );
    expect(test.status).toBe(201);
    expect(test.body.state).toBe('not-for-viewers');
    const testCancel = await send(
      capMessage({
        identifier: `${id}-C`,
        sender,
        sent: at(1),
        expires: at(60),
        status: 'Test',
        msgType: 'Cancel',
        references: `${sender},${id},${capTime(at(0))}`,
      }),
    );
    expect(testCancel.body).toMatchObject({
      outcome: 'cancelled',
      state: 'not-for-viewers',
      thread: test.body.thread,
    });
    expect(dispatchedCount()).toBe(before);
    // JMA 試験 and 訓練 reports are named like the real one of the same title and time: each is taken, and the
    // real one arriving after them is new and in force (a series of its own: another title).
    const jma = (name: string) =>
      alertFixture(name).replace(
        '<Title>徳島県気象警報・注意報</Title>',
        '<Title>徳島県気象警報・注意報（続）</Title>',
      );
    const jmaTest = await send(jma('jma-warning-test.xml'));
    expect([jmaTest.status, jmaTest.body.state]).toEqual([201, 'not-for-viewers']);
    expect(dispatchedCount()).toBe(before);
    const drill = await send(jma('jma-warning-drill.xml'));
    expect([drill.status, drill.body.outcome, drill.body.state]).toEqual([201, 'new', 'in-force']);
    const real = await send(jma('jma-warning-issue.xml'));
    expect([real.status, real.body.outcome, real.body.state]).toEqual([201, 'new', 'in-force']);
    expect(real.body.thread).not.toBe(drill.body.thread);
    expect(t.dispatched.at(-1)).toMatchObject({ kind: 'issue', ids: [], alert: { id: real.body.id } });
    expect(t.dispatched.at(-1)?.alert.alert.status).toBe('Actual');
  });

  it('answers each refusal with its code and takes the next alert', async () => {
    const deep = `<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</alert>`;
    const hugeAttribute = alertFixture('cap-evacuation-polygon.xml').replace(
      '<identifier>',
      `<identifier x="${'y'.repeat(20_000)}">`,
    );
    const cases: [string, string | Uint8Array, number, string][] = [
      ['billion laughs', alertFixture('hostile-billion-laughs.xml'), 400, 'alert.xml-unsafe'],
      ['external DTD', alertFixture('hostile-external-dtd.xml'), 400, 'alert.xml-unsafe'],
      ['not UTF-8', new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e]), 400, 'alert.xml-unsafe'],
      ['undeclared entity', alertFixture('hostile-undeclared-entity.xml'), 400, 'alert.xml-invalid'],
      ['two roots', alertFixture('hostile-two-roots.xml'), 400, 'alert.xml-invalid'],
      ['deep nesting', deep, 400, 'alert.xml-invalid'],
      ['huge attribute', hugeAttribute, 400, 'alert.xml-invalid'],
      ['not XML', 'hello', 400, 'alert.xml-invalid'],
      ['wrong namespace', alertFixture('hostile-wrong-namespace.xml'), 422, 'alert.format-unknown'],
      ['CAP 1.1', alertFixture('cap11-namespace.xml'), 422, 'alert.format-unknown'],
      ['missing field', alertFixture('cap-missing-field.xml'), 422, 'alert.content-invalid'],
    ];
    for (const [label, xml, status, code] of cases) {
      const refused = await send(xml);
      expect({ label, status: refused.status, code: refused.body.error?.code }).toEqual({
        label,
        status,
        code,
      });
      const next = await send(
        capMessage({
          identifier: unique('next'),
          sender,
          sent: t.clock(),
          expires: new Date(t.clock().getTime() + hour),
        }),
      );
      expect({ label, status: next.status }).toEqual({ label, status: 201 });
    }
    expect(t.reported).toEqual([]);
  });

  it('requires a valid signature chaining to the anchors from a publisher that must sign', async () => {
    const message = (label: string) =>
      capMessage({
        identifier: unique(label),
        sender: signingSender,
        sent: t.clock(),
        expires: new Date(t.clock().getTime() + hour),
      });
    const unsigned = await send(message('unsigned'));
    expect([unsigned.status, unsigned.body.error?.code]).toEqual([403, 'alert.signature-required']);
    const untrusted = await send(signCap(message('untrusted'), stranger));
    expect([untrusted.status, untrusted.body.error?.code]).toEqual([403, 'alert.signature-invalid']);
    const tampered = signCap(message('tampered'), signer).replace(
      '避難指示（警戒レベル4）',
      '避難指示（警戒レベル5）',
    );
    expect((await send(tampered)).body.error?.code).toBe('alert.signature-invalid');
    const signed = await send(signCap(message('signed'), signer));
    expect(signed.status).toBe(201);
    const [row] = await t.db.query<{ signature: { present: boolean; valid: boolean; signer: string } }>(
      'SELECT signature FROM alerts WHERE id = $1',
      [signed.body.id],
    );
    expect(row?.signature).toMatchObject({ present: true, valid: true });
    expect(row?.signature.signer).toContain('Prefecture alerts');
  });

  it('stores one row when the same alert arrives twice at once', async () => {
    const xml = capMessage({
      identifier: unique('race'),
      sender,
      sent: t.clock(),
      expires: new Date(t.clock().getTime() + hour),
    });
    const before = dispatchedCount();
    const answers = await Promise.all([send(xml), send(xml), send(xml)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(dispatchedCount()).toBe(before + 1);
    const rows = await t.db.query('SELECT id FROM alerts WHERE identifier LIKE $1', ['TEST-race-%']);
    expect(rows).toHaveLength(1);
  });

  describe('compose', () => {
    const form = {
      status: 'Exercise',
      level: 4,
      event: '洪水',
      headline: '<b>訓練</b> & "避難" 指示',
      description: "川の水位が上がっています。'訓練'です。",
      instruction: '高い所へ避難してください。',
      area: { localGovernmentCode: '363871' },
      expiresMinutes: 60,
    };

    it('builds CAP from the form and ingests it as the operator', async () => {
      const admin = await loginAsAdmin(t);
      const response = await call(t, 'POST', '/api/v1/ops/alerts/compose', { headers: admin, body: form });
      expect(response.status).toBe(201);
      const answer = (await response.json()) as IngestAnswer;
      expect(answer).toMatchObject({ outcome: 'new', state: 'in-force' });
      expect(t.dispatched.at(-1)).toMatchObject({ kind: 'issue', alert: { id: answer.id } });
      const alert = t.dispatched.at(-1)?.alert.alert;
      expect(alert).toMatchObject({ sender: 'ops@myna-tv.test', status: 'Exercise', msgType: 'Alert' });
      expect(alert?.infos[0]).toMatchObject({
        event: '洪水',
        level: 4,
        headline: form.headline,
        description: form.description,
        areas: [{ geocodes: [{ name: 'jisX0402', value: '363871' }] }],
      });
      const [row] = await t.db.query<{ source: string; publisher: string; expires_at: Date }>(
        'SELECT source, publisher, expires_at FROM alerts WHERE id = $1',
        [answer.id],
      );
      expect(row?.source).toBe('compose');
      expect(row?.expires_at.getTime()).toBeGreaterThan(t.clock().getTime() + 59 * 60_000);
      const audit = await t.db.query<{ actor_id: string }>(
        `SELECT actor_id FROM audit_log WHERE action = 'alert.compose' AND target_id = $1`,
        [answer.id],
      );
      expect(audit).toEqual([{ actor_id: row?.publisher }]);
    });

    it('composes a Test (stored, never dispatched), a 町字 list and a polygon', async () => {
      const admin = await loginAsAdmin(t);
      const before = dispatchedCount();
      const test = await call(t, 'POST', '/api/v1/ops/alerts/compose', {
        headers: admin,
        body: { ...form, status: 'Test', area: { machiazaIds: ['363870001001', '363870001002'] } },
      });
      expect(((await test.json()) as IngestAnswer).state).toBe('not-for-viewers');
      expect(dispatchedCount()).toBe(before);
      const polygon = await call(t, 'POST', '/api/v1/ops/alerts/compose', {
        headers: admin,
        body: {
          ...form,
          area: {
            polygon: [
              [33.77, 134.58],
              [33.78, 134.58],
              [33.78, 134.6],
              [33.77, 134.6],
            ],
          },
        },
      });
      expect(polygon.status).toBe(201);
      expect(t.dispatched.at(-1)?.alert.alert.infos[0]?.areas[0]?.polygons[0]).toHaveLength(5);
      const crossed = await call(t, 'POST', '/api/v1/ops/alerts/compose', {
        headers: admin,
        body: {
          ...form,
          area: {
            polygon: [
              [33.77, 134.58],
              [33.78, 134.6],
              [33.78, 134.58],
              [33.77, 134.6],
            ],
          },
        },
      });
      expect([crossed.status, await errorCode(crossed)]).toEqual([422, 'alert.content-invalid']);
    });

    it('describes the area by its names where they are known, by its codes where not', async () => {
      const admin = await loginAsAdmin(t);
      const areaOf = async (area: Record<string, unknown>) => {
        const response = await call(t, 'POST', '/api/v1/ops/alerts/compose', {
          headers: admin,
          body: { ...form, area },
        });
        expect(response.status).toBe(201);
        return t.dispatched.at(-1)?.alert.alert.infos[0]?.areas[0]?.desc;
      };
      const town = { localGovernmentCode: '363871' };
      const districts = { machiazaIds: ['363870001001', '363870002000'] };
      expect([await areaOf(town), await areaOf(districts)]).toEqual([
        '地方公共団体コード 363871',
        '町字 2件',
      ]);
      await storeAreaNames(
        t.db,
        [
          { localGovernmentCode: '363871', machiazaId: null, name: '美波町' },
          { localGovernmentCode: '363871', machiazaId: '0001001', name: '奥河内字寺前' },
        ],
        t.clock(),
      );
      // One 町字 still without a name: the count, not half the names.
      expect([await areaOf(town), await areaOf(districts)]).toEqual(['美波町', '町字 2件']);
      await storeAreaNames(
        t.db,
        [{ localGovernmentCode: '363871', machiazaId: '0002000', name: '日和佐浦' }],
        t.clock(),
      );
      expect(await areaOf(districts)).toBe('奥河内字寺前、日和佐浦');
    });

    it('refuses Actual, characters XML cannot carry, and another municipality for staff', async () => {
      const admin = await loginAsAdmin(t);
      for (const body of [
        { ...form, status: 'Actual' },
        { ...form, headline: 'bad\u0001text' },
        { ...form, level: 2 },
        { ...form, extra: 1 },
      ]) {
        const response = await call(t, 'POST', '/api/v1/ops/alerts/compose', { headers: admin, body });
        expect(response.status).toBe(400);
      }
      const staff = await loginAsOperator(t, admin, {
        loginName: `staff-${crypto.randomUUID().slice(0, 8)}`,
        role: 'municipality-staff',
        localGovernmentCode: '363871',
      });
      const compose = (area: unknown) =>
        call(t, 'POST', '/api/v1/ops/alerts/compose', { headers: staff, body: { ...form, area } });
      expect((await compose({ localGovernmentCode: '363871' })).status).toBe(201);
      expect((await compose({ machiazaIds: ['363870001001'] })).status).toBe(201);
      for (const area of [
        { localGovernmentCode: '362042' },
        { machiazaIds: ['363870001001', '362040001001'] },
      ]) {
        const response = await compose(area);
        expect([response.status, await errorCode(response)]).toEqual([403, 'auth.forbidden']);
      }
    });
  });
});

describe('alert ingest when the dispatcher fails', () => {
  let t: TestApp;
  let failing = true;
  beforeAll(async () => {
    t = await createTestApp({
      alerts: {
        dispatcher: {
          issue: async () => {
            if (failing) throw new Error('delivery down');
            return { outcome: 'published', targeted: 3, pushSeq: 42 };
          },
          withdraw: async () => ({ outcome: 'withdrawn', targeted: 0, pushSeq: null }),
        },
      },
    });
  });
  afterAll(() => t.close());

  it('keeps the alert stored (500), answers a retry as a duplicate, and gives the summary once dispatched', async () => {
    const publisher = await createPublisher(t, ['town@example.jp']);
    const now = t.clock();
    const message = (identifier: string) =>
      capMessage({
        identifier,
        sender: 'town@example.jp',
        sent: now,
        expires: new Date(now.getTime() + 3_600_000),
      });
    const failed = await postAlert(t, publisher, message('FAIL-1'));
    expect(failed.status).toBe(500);
    expect(t.reported).toHaveLength(1);
    const rows = await t.db.query<{ state: string; dispatch: unknown }>(
      "SELECT state, dispatch FROM alerts WHERE identifier = 'FAIL-1'",
    );
    expect(rows).toEqual([{ state: 'in-force', dispatch: null }]);
    const retry = await postAlert(t, publisher, message('FAIL-1'));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ state: 'in-force', targeted: 0, pushSeq: null });

    failing = false;
    const ok = await postAlert(t, publisher, message('OK-1'));
    const answer = await ok.json();
    expect(answer).toMatchObject({ targeted: 3, pushSeq: 42 });
    const again = await postAlert(t, publisher, message('OK-1'));
    expect([again.status, await again.json()]).toEqual([200, answer]);
  });
});
