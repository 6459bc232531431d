import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCardError } from '../card/card-error.ts';
import { PinRejection } from '../session/pin-rejection.ts';
import { isReportError, ReportError } from './report-error.ts';
import { createReportRig, type ReportRig, rigDeviceId, sessionToken } from './testing/report-rig.ts';
import { contractId, testDraft, yesToAll } from './testing/scripted-report-backend.ts';
import { pulledAfterVerify } from './testing/signing-test-card.ts';

let rig: ReportRig;
beforeEach(async () => {
  rig = await createReportRig();
});
afterEach(() => rig.close());

const send = (password = 'ABC123') =>
  rig.reports.send(sessionToken, { contractId, period: '2026-11', answers: yesToAll(testDraft()), password });
const triesLeft = () => rig.access.withJpki((jpki) => jpki.triesLeft('sign'));
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('StatusReports.send', () => {
  it('signs the draft with the answers, stores it, sends it and returns the receipt', async () => {
    const { answer, created } = await send();
    expect(created).toBe(true);
    expect(answer).toEqual({ state: 'received', receipt: rig.backend.receipts[0] });
    expect(rig.backend.submissions).toEqual([
      expect.objectContaining({
        type: 'myna-tv/status-report/1',
        contractId,
        period: '2026-11',
        holder: testDraft().holder,
        deviceId: rigDeviceId,
        answers: [
          { questionId: 'alive', question: 'ご本人はご存命ですか', answer: true },
          { questionId: 'address', question: '住所に変わりはありませんか', answer: true },
        ],
      }),
    ]);
    expect(rig.outbox.entries()).toEqual([]);
    expect(rig.received).toEqual([]);
    const listed = await rig.reports.list(sessionToken);
    expect(listed).toEqual({ due: [], sent: rig.backend.receipts, waiting: [] });
  });

  it('makes one submission for two sends of the same draft at once, and for a send after the receipt', async () => {
    const [first, second] = await Promise.all([send(), send()]);
    expect(second).toEqual(first);
    expect(rig.backend.submissions).toHaveLength(1);
    const again = await send();
    expect(again).toEqual({ answer: first.answer, created: false });
    expect(rig.backend.submissions).toHaveLength(1);
    expect(await triesLeft()).toBe(5);
  });

  it('keeps the signed report when the backend is down, answers waiting, and sends it once later', async () => {
    await rig.reports.list(sessionToken);
    rig.backend.down = true;
    const { answer } = await send();
    expect(answer).toEqual({ state: 'waiting', submissionId: expect.any(String) });
    const { submissionId } = answer as { submissionId: string };
    expect(rig.outbox.waiting().map((e) => e.submissionId)).toEqual([submissionId]);
    // Pressed again while waiting: the same report, not a second one.
    expect((await send()).answer).toEqual(answer);

    rig.backend.down = false;
    expect((await rig.reports.list(sessionToken)).waiting).toEqual([
      expect.objectContaining({ submissionId, state: 'waiting', contractId, period: '2026-11' }),
    ]);
    expect((await rig.reports.list(sessionToken)).due).toEqual([]);
    rig.sender.trigger();
    await expect.poll(() => rig.received).toHaveLength(1);
    expect(rig.received[0]).toMatchObject({ submissionId, contractId });
    expect(rig.backend.submissions.map((d) => d.submissionId)).toEqual([submissionId]);
    expect(rig.outbox.entries()).toEqual([]);
  });

  it('spends one try on a wrong password, says how many are left, and keeps and sends nothing', async () => {
    const error = await failureOf(send('WRONG1'));
    expect(error).toBeInstanceOf(PinRejection);
    expect(error).toMatchObject({ code: 'card.pin-wrong', triesLeft: 4, pinKind: 'sign' });
    expect(await triesLeft()).toBe(4);
    expect(rig.outbox.entries()).toEqual([]);
    expect(rig.backend.submissions).toEqual([]);
    await send();
    expect(await triesLeft()).toBe(5);
  });

  it('checks the password format before using the card', async () => {
    expect(await failureOf(send('abc'))).toMatchObject({ code: 'card.pin-format', pinKind: 'sign' });
    expect(await triesLeft()).toBe(5);
  });

  it('keeps and sends nothing when the card is pulled while signing; a retry then works', async () => {
    const card = rig.newCard();
    rig.reader.insert(pulledAfterVerify(card, () => rig.reader));
    const error = await failureOf(send());
    expect(isCardError(error, 'card.removed')).toBe(true);
    expect(rig.outbox.entries()).toEqual([]);
    expect(rig.backend.submissions).toEqual([]);

    rig.reader.insert(card);
    expect((await send()).answer.state).toBe('received');
    expect(rig.backend.submissions).toHaveLength(1);
  });

  it('refuses answers that do not fit the form, and a contract with nothing due, before the card', async () => {
    const partial = rig.reports.send(sessionToken, {
      contractId,
      period: '2026-11',
      answers: [{ questionId: 'alive', answer: true }],
      password: 'ABC123',
    });
    expect(isReportError(await failureOf(partial), 'report.answers-mismatch')).toBe(true);
    const notDue = rig.reports.send(sessionToken, {
      contractId,
      period: '2026-10',
      answers: yesToAll(testDraft()),
      password: 'ABC123',
    });
    expect(isReportError(await failureOf(notDue), 'report.not-due')).toBe(true);
    expect(await triesLeft()).toBe(5);
  });

  it('passes a refusal on and keeps nothing of it', async () => {
    rig.backend.refuseNext = new ReportError('report.contract-not-held', 'not the holder', {
      backendCode: 'report.contract-not-held',
    });
    expect(isReportError(await failureOf(send()), 'report.contract-not-held')).toBe(true);
    expect(rig.outbox.entries()).toEqual([]);
  });
});

describe('StatusReports.list', () => {
  it("shows only this resident's reports kept on the box", async () => {
    rig.backend.down = true;
    await rig.outbox.add({
      submissionId: '00000000-0000-4000-8000-00000000000a',
      contractId: 'another-residents-contract',
      period: '2026-11',
      insurerName: '別の保険',
      signedReport: new Uint8Array([1]),
    });
    rig.backend.down = false;
    expect(await rig.reports.list(sessionToken)).toEqual({
      due: [testDraft()],
      sent: [],
      waiting: [],
    });
  });
});
