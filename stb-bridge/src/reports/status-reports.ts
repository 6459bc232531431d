// The 現況届 as the TV app drives it: the resident's due and sent reports from the backend with the ones kept on
// this box, and a send: draft + answers → document → the card's CMS → the outbox on disk → the backend. A send of
// a report already signed (a double-pressed OK, a repeat after a lost answer) makes no second submission.
import { randomUUID } from 'node:crypto';
import type { ResidentStatusReports } from '@myna-tv/backend';
import type { QueuedReport, ReportsResponse, SendReportResponse } from '../local-api/contracts.ts';
import type { ReportBackend } from '../session/backend-client.ts';
import type { CardAccess } from '../session/card-access.ts';
import { isSessionError } from '../session/session-error.ts';
import { buildReportDocument, type ReportAnswer } from './report-document.ts';
import { ReportError } from './report-error.ts';
import type { OutboxEntry, ReportOutbox } from './report-outbox.ts';
import type { ReportSender } from './report-sender.ts';
import { signReport } from './report-signing.ts';

export interface StatusReportsDeps {
  access: CardAccess;
  backend: Pick<ReportBackend, 'statusReports'>;
  outbox: ReportOutbox;
  sender: ReportSender;
  /** This box's id, named in every document it signs. */
  deviceId: string;
  now?: () => Date;
}

export interface SendReportInput {
  contractId: string;
  period: string;
  answers: readonly ReportAnswer[];
  password: string;
}

export interface SendResult {
  answer: SendReportResponse;
  /** True when this send made the receipt (201); false for a receipt the backend already had (200). */
  created: boolean;
}

const keyOf = (r: { contractId: string; period: string }) => `${r.contractId} ${r.period}`;

export class StatusReports {
  readonly #deps: StatusReportsDeps;
  /** The last lists fetched for a session: a send still works when the backend went away after the viewer saw them. */
  #last: { token: string; reports: ResidentStatusReports } | undefined;
  readonly #sending = new Map<string, Promise<SendResult>>();

  constructor(deps: StatusReportsDeps) {
    this.#deps = deps;
  }

  async list(sessionToken: string): Promise<ReportsResponse> {
    const reports = await this.#deps.backend.statusReports(sessionToken);
    this.#last = { token: sessionToken, reports };
    // The box is shared by a household: only the reports of this resident's contracts are shown.
    const contracts = new Set([...reports.due, ...reports.sent].map((r) => r.contractId));
    const kept = this.#deps.outbox.entries().filter((e) => contracts.has(e.contractId));
    const waiting = new Set(kept.filter((e) => e.state === 'waiting').map(keyOf));
    return {
      due: reports.due.filter((d) => !waiting.has(keyOf(d))),
      sent: reports.sent,
      waiting: kept.map(queuedView),
    };
  }

  /** Concurrent sends of one contract and month share one signing and one submission. */
  send(sessionToken: string, input: SendReportInput): Promise<SendResult> {
    const key = keyOf(input);
    const running = this.#sending.get(key);
    if (running) return running;
    const sending = this.#send(sessionToken, input).finally(() => this.#sending.delete(key));
    this.#sending.set(key, sending);
    return sending;
  }

  /** Removes a failed report the viewer has seen. */
  async dismiss(submissionId: string): Promise<void> {
    const entry = this.#deps.outbox.get(submissionId);
    if (entry?.state !== 'failed') {
      throw new ReportError('report.not-found', `no failed report ${submissionId} on this box`);
    }
    await this.#deps.outbox.remove(submissionId);
  }

  async #send(sessionToken: string, input: SendReportInput): Promise<SendResult> {
    const { access, outbox, sender, deviceId } = this.#deps;
    const queued = outbox.findWaiting(input.contractId, input.period);
    if (queued) return { answer: { state: 'waiting', submissionId: queued.submissionId }, created: false };
    const reports = await this.#reports(sessionToken);
    const receipt = reports.sent.find((r) => keyOf(r) === keyOf(input));
    if (receipt) return { answer: { state: 'received', receipt }, created: false };
    const draft = reports.due.find((d) => keyOf(d) === keyOf(input));
    if (!draft) {
      throw new ReportError('report.not-due', `no report is due for ${input.contractId} in ${input.period}`);
    }
    const submissionId = randomUUID();
    const document = buildReportDocument(draft, input.answers, {
      submissionId,
      deviceId,
      signedAt: this.#deps.now?.() ?? new Date(),
    });
    const signedReport = await signReport(access, document, input.password);
    const release = sender.hold(submissionId);
    let outcome: Awaited<ReturnType<ReportSender['attempt']>>;
    try {
      // On disk before the first byte goes out: from here on the report is sent once, now or later.
      const entry = await outbox.add({
        submissionId,
        contractId: draft.contractId,
        period: draft.period,
        insurerName: draft.insurer.name,
        signedReport,
      });
      outcome = await sender.attempt(entry);
      if (outcome.kind === 'refused') {
        // The viewer hears the refusal now, so it is not kept to be shown again later.
        await outbox.remove(submissionId).catch(() => {});
      }
    } finally {
      release();
    }
    switch (outcome.kind) {
      case 'received':
        return { answer: { state: 'received', receipt: outcome.receipt }, created: outcome.created };
      case 'unreachable':
        sender.retryLater(outcome.error);
        return { answer: { state: 'waiting', submissionId }, created: false };
      case 'refused':
        throw outcome.error;
    }
  }

  /** The resident's lists, fresh; the last ones seen in this session when the backend cannot be reached. */
  async #reports(sessionToken: string): Promise<ResidentStatusReports> {
    try {
      return await this.#deps.backend.statusReports(sessionToken);
    } catch (error) {
      if (isSessionError(error, 'session.backend-unavailable') && this.#last?.token === sessionToken) {
        return this.#last.reports;
      }
      throw error;
    }
  }
}

export function queuedView(entry: OutboxEntry): QueuedReport {
  const { submissionId, contractId, period, insurerName, queuedAt, state, failure } = entry;
  return { submissionId, contractId, period, insurerName, queuedAt, state, failure };
}
