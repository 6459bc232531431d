// The signed document of a status report: the backend's draft (the contract, the form, the resident's verified
// four items), the viewer's yes/no answers for every question of the form in its order, and this submission's
// id, box and time. Its RFC 8785 (JCS) bytes are what the card signs and the backend re-canonicalises.

import type { StatusReportDocument, StatusReportDraft } from '@myna-tv/backend';
import canonicalize from 'canonicalize';
import { ReportError } from './report-error.ts';

export interface ReportAnswer {
  questionId: string;
  answer: boolean;
}

export const statusReportDocumentType: StatusReportDocument['type'] = 'myna-tv/status-report/1';

/** Refuses answers that leave a question out, answer one twice, or name one the form does not have. */
export function buildReportDocument(
  draft: StatusReportDraft,
  answers: readonly ReportAnswer[],
  submission: { submissionId: string; deviceId: string; signedAt: Date },
): StatusReportDocument {
  const given = new Map<string, boolean>();
  for (const { questionId, answer } of answers) {
    if (given.has(questionId)) throw mismatch(`question ${questionId} is answered twice`);
    given.set(questionId, answer);
  }
  const unknown = [...given.keys()].filter((id) => !draft.questions.some((q) => q.id === id));
  if (unknown.length > 0) throw mismatch(`the form has no question ${unknown.join(', ')}`);
  const missing = draft.questions.filter((q) => !given.has(q.id)).map((q) => q.id);
  if (missing.length > 0) throw mismatch(`question(s) ${missing.join(', ')} not answered`);
  return {
    type: statusReportDocumentType,
    submissionId: submission.submissionId,
    contractId: draft.contractId,
    period: draft.period,
    insurer: { id: draft.insurer.id, name: draft.insurer.name },
    referenceNumber: draft.referenceNumber,
    holder: { ...draft.holder },
    declaration: draft.declaration,
    answers: draft.questions.map((q) => ({
      questionId: q.id,
      question: q.text,
      answer: given.get(q.id) as boolean,
    })),
    deviceId: submission.deviceId,
    signedAt: submission.signedAt.toISOString(),
  };
}

/** The UTF-8 bytes of the document's canonical JSON (RFC 8785), the CMS content. */
export function canonicalReportBytes(document: StatusReportDocument): Uint8Array {
  const text = canonicalize(document);
  if (text === undefined) throw new TypeError('the report document has no JSON form');
  return new TextEncoder().encode(text);
}

function mismatch(message: string): ReportError {
  return new ReportError('report.answers-mismatch', message);
}
