// Test support: an insurer API client, and status reports as the bridge makes them (the draft filled in,
// canonicalised with RFC 8785, signed as CMS SignedData with the card's real signature key).
import canonicalize from 'canonicalize';
import { createApiClient } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import type { CardKeys } from '../http/testing/test-card.ts';
import { signCms } from '../jpki/testing/test-cms.ts';
import { type StatusReportDocument, type StatusReportDraft, statusReportDocumentType } from './contracts.ts';

export async function createInsurer(db: Database, name: string, now: Date) {
  const { client, secret } = await createApiClient(db, {
    name,
    role: 'insurer',
    actor: { id: 'test', role: 'system', requestId: null },
    now,
  });
  const basic = Buffer.from(`${client.clientId}:${secret}`).toString('base64');
  return { insurerId: client.clientId, headers: { authorization: `Basic ${basic}` } };
}

/** The document the bridge builds from a draft, every answer yes unless given. */
export function reportDocument(
  draft: StatusReportDraft,
  deviceId: string,
  answers: boolean[] = draft.questions.map(() => true),
): StatusReportDocument {
  return {
    type: statusReportDocumentType,
    submissionId: crypto.randomUUID(),
    contractId: draft.contractId,
    period: draft.period,
    insurer: draft.insurer,
    referenceNumber: draft.referenceNumber,
    holder: draft.holder,
    declaration: draft.declaration,
    answers: draft.questions.map((q, i) => ({
      questionId: q.id,
      question: q.text,
      answer: answers[i] ?? true,
    })),
    deviceId,
    signedAt: new Date().toISOString(),
  };
}

/** `{ signedReport }` for POST /status-reports; `text` replaces the canonical JSON (to send a bad one). */
export async function signedReport(
  document: unknown,
  card: Pick<CardKeys, 'signCertificateDer' | 'signKeyPem'>,
  text: string = canonicalize(document) ?? '',
): Promise<{ signedReport: string }> {
  const cms = await signCms({
    content: new TextEncoder().encode(text),
    certificateDer: card.signCertificateDer,
    keyPem: card.signKeyPem,
  });
  return { signedReport: Buffer.from(cms).toString('base64') };
}
