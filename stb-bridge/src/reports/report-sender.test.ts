import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportError } from './report-error.ts';
import { createReportRig, type ReportRig, sessionToken } from './testing/report-rig.ts';
import { contractId, testDraft, yesToAll } from './testing/scripted-report-backend.ts';

let rig: ReportRig;
beforeEach(async () => {
  rig = await createReportRig();
});
afterEach(() => rig.close());

/** A report signed while the backend was down (after the viewer saw the drafts): on disk, waiting. */
async function waitingReport(period = '2026-11'): Promise<string> {
  if (!rig.backend.drafts.some((d) => d.period === period)) rig.backend.drafts.push(testDraft({ period }));
  rig.backend.down = false;
  await rig.reports.list(sessionToken);
  rig.backend.down = true;
  const { answer } = await rig.reports.send(sessionToken, {
    contractId,
    period,
    answers: yesToAll(testDraft()),
    password: 'ABC123',
  });
  if (answer.state !== 'waiting') throw new Error('expected a waiting report');
  return answer.submissionId;
}

describe('ReportSender', () => {
  it('sends a report left waiting by the last run once after a restart, and not again after the next', async () => {
    const submissionId = await waitingReport();
    await rig.restart();
    rig.backend.down = false;
    rig.sender.trigger();
    await expect.poll(() => rig.received.map((r) => r.submissionId)).toEqual([submissionId]);
    expect(rig.outbox.entries()).toEqual([]);

    await rig.restart();
    rig.sender.trigger();
    await rig.sender.close();
    expect(rig.received).toEqual([]);
    expect(rig.backend.submissions.map((d) => d.submissionId)).toEqual([submissionId]);
  });

  it('after a lost answer, sends the same report again and announces the one receipt once', async () => {
    const submissionId = await waitingReport();
    rig.backend.down = false;
    rig.backend.loseNextAnswer = true;
    rig.sender.trigger();
    // The backend has it, the box does not know: it stays waiting and is sent again after the back-off.
    await expect.poll(() => rig.received).toHaveLength(1);
    expect(rig.backend.receipts).toHaveLength(1);
    expect(rig.received).toEqual(rig.backend.receipts);
    expect(rig.backend.submissions.map((d) => d.submissionId)).toEqual([submissionId, submissionId]);
    expect(rig.outbox.entries()).toEqual([]);
  });

  it('keeps trying with back-off while the backend is down, and sends when it is back', async () => {
    await waitingReport();
    const deferred: number[] = [];
    rig.sender.on('deferred', (_, delayMs) => deferred.push(delayMs));
    rig.sender.trigger();
    await expect.poll(() => deferred.length).toBeGreaterThanOrEqual(3);
    expect(rig.received).toEqual([]);
    expect(rig.outbox.waiting()).toHaveLength(1);
    rig.backend.down = false;
    await expect.poll(() => rig.received).toHaveLength(1);
    expect(rig.backend.submissions).toHaveLength(1);
  });

  it('keeps a report refused for good as failed, announces it, and does not send it again', async () => {
    const submissionId = await waitingReport();
    rig.backend.down = false;
    rig.backend.refuseNext = new ReportError('report.contract-not-held', 'signed by another card', {
      backendCode: 'report.contract-not-held',
    });
    rig.sender.trigger();
    await expect.poll(() => rig.failed).toHaveLength(1);
    expect(rig.failed[0]).toMatchObject({
      submissionId,
      state: 'failed',
      failure: { code: 'report.contract-not-held', message: 'signed by another card' },
    });
    await rig.restart();
    rig.sender.trigger();
    await rig.sender.close();
    expect(rig.backend.submissions).toHaveLength(1);
    expect(rig.outbox.entries()).toEqual([expect.objectContaining({ submissionId, state: 'failed' })]);
    expect((await rig.reports.list(sessionToken)).waiting).toEqual([
      expect.objectContaining({ submissionId, state: 'failed' }),
    ]);
    await rig.reports.dismiss(submissionId);
    expect(rig.outbox.entries()).toEqual([]);
  });

  it('sends the waiting reports of two months one after the other', async () => {
    const first = await waitingReport('2026-11');
    const second = await waitingReport('2026-12');
    rig.backend.down = false;
    rig.sender.trigger();
    rig.sender.trigger();
    await expect.poll(() => rig.received.map((r) => r.submissionId)).toEqual([first, second]);
    expect(rig.backend.submissions).toHaveLength(2);
  });
});
