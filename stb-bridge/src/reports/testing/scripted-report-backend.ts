// Test support: the backend's status report and notice calls in memory. It checks each signed report the way
// the backend does in substance (CMS signature by the card's signature key, canonical content, a due draft), keeps
// one receipt per submissionId and per contract and month, and can be taken down or made to lose its answer.
import { createHash, type KeyObject, verify } from 'node:crypto';
import type { Notice, StatusReportDocument, StatusReportDraft, StatusReportReceipt } from '@myna-tv/backend';
import canonicalize from 'canonicalize';
import * as pkijs from 'pkijs';
import type { ReportBackend, SubmittedReport } from '../../session/backend-client.ts';
import { SessionError } from '../../session/session-error.ts';
import { ReportError } from '../report-error.ts';

export const contractId = '6f1c1a52-3d8e-4b7a-9a8e-2f4c5d6e7f80';

export function testDraft(overrides: Partial<StatusReportDraft> = {}): StatusReportDraft {
  return {
    contractId,
    period: '2026-11',
    dueBy: '2026-11-30',
    overdue: false,
    insurer: { id: '0d8f3c2b-1a4e-4f6b-8c9d-0e1f2a3b4c5d', name: 'みなみ年金基金' },
    referenceNumber: 'A-1234567',
    holder: {
      name: '田中　花子',
      dateOfBirth: '1948-03-15',
      gender: 'female',
      address: '徳島県海部郡美波町',
    },
    declaration: '上記のとおり相違ありません。',
    questions: [
      { id: 'alive', text: 'ご本人はご存命ですか' },
      { id: 'address', text: '住所に変わりはありませんか' },
    ],
    ...overrides,
  };
}

export const yesToAll = (draft: StatusReportDraft) =>
  draft.questions.map((q) => ({ questionId: q.id, answer: true }));

export interface ScriptedReportBackend extends ReportBackend {
  drafts: StatusReportDraft[];
  /** The resident's notices, newest first. */
  noticeList: Notice[];
  /** Documents of every submission that reached it, in order (repeats included). */
  submissions: StatusReportDocument[];
  receipts: StatusReportReceipt[];
  /** While true every call fails as unreachable. */
  down: boolean;
  /** The next submission is stored, but its answer is lost on the way back. */
  loseNextAnswer: boolean;
  /** Thrown by the next submission instead of answering. */
  refuseNext: Error | undefined;
}

const unreachable = () => new SessionError('session.backend-unavailable', 'the backend cannot be reached');

export function scriptedReportBackend(signKey: KeyObject): ScriptedReportBackend {
  let issued = 0;
  const sentKey = (r: { contractId: string; period: string }) => `${r.contractId} ${r.period}`;
  const backend: ScriptedReportBackend = {
    drafts: [testDraft()],
    submissions: [],
    receipts: [],
    down: false,
    loseNextAnswer: false,
    refuseNext: undefined,
    async statusReports() {
      if (backend.down) throw unreachable();
      const sent = new Set(backend.receipts.map(sentKey));
      return { due: backend.drafts.filter((d) => !sent.has(sentKey(d))), sent: [...backend.receipts] };
    },
    async submitStatusReport({ signedReport }): Promise<SubmittedReport> {
      if (backend.down) throw unreachable();
      const document = verifiedDocument(Buffer.from(signedReport, 'base64'), signKey);
      backend.submissions.push(document);
      const refusal = backend.refuseNext;
      backend.refuseNext = undefined;
      if (refusal) throw refusal;
      let receipt = backend.receipts.find(
        (r) => r.submissionId === document.submissionId || sentKey(r) === sentKey(document),
      );
      const created = receipt === undefined;
      if (!receipt) {
        if (!backend.drafts.some((d) => sentKey(d) === sentKey(document))) {
          throw new ReportError('report.not-due', 'not due', { backendCode: 'report.not-due' });
        }
        receipt = {
          reportId: `00000000-0000-4000-8000-${String(++issued).padStart(12, '0')}`,
          receiptNumber: `2026-1124-${String(issued).padStart(6, '0')}`,
          receivedAt: new Date().toISOString(),
          contractId: document.contractId,
          period: document.period,
          insurerName: document.insurer.name,
          submissionId: document.submissionId,
        };
        backend.receipts.push(receipt);
      }
      if (backend.loseNextAnswer) {
        backend.loseNextAnswer = false;
        throw unreachable();
      }
      return { receipt, created };
    },
    noticeList: [],
    async notices() {
      if (backend.down) throw unreachable();
      return { notices: [...backend.noticeList] };
    },
    async markNoticeRead(_token, id) {
      const notice = backend.noticeList.find((n) => n.id === id);
      if (!notice)
        throw new SessionError('session.refused', 'no such notice', { backendCode: 'notice.not-found' });
      notice.readAt ??= new Date().toISOString();
    },
  };
  return backend;
}

/** The CMS's content, once its signature by `signKey` and its message digest check out and it is canonical. */
export function verifiedDocument(der: Uint8Array, signKey: KeyObject): StatusReportDocument {
  const text = new TextDecoder().decode(verifiedContent(der, signKey));
  const document = JSON.parse(text) as StatusReportDocument;
  if (canonicalize(document) !== text) throw new Error('the report content is not canonical');
  return document;
}

/** The CMS's content, once its signature by `signKey` and its message digest check out. */
export function verifiedContent(der: Uint8Array, signKey: KeyObject): Uint8Array {
  const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
  const content = new Uint8Array(
    (signedData.encapContentInfo.eContent as NonNullable<typeof signedData.encapContentInfo.eContent>)
      .valueBlock.valueHexView,
  );
  const signer = signedData.signerInfos[0] as pkijs.SignerInfo;
  const attributes = signer.signedAttrs as pkijs.SignedAndUnsignedAttributes;
  const signed = new Uint8Array(attributes.toSchema().toBER());
  signed[0] = 0x31;
  if (!verify('sha256', signed, signKey, signer.signature.valueBlock.valueHexView)) {
    throw new Error('the signature does not verify');
  }
  const digest = attributes.attributes.find((a) => a.type === '1.2.840.113549.1.9.4')?.values[0];
  const expected = createHash('sha256').update(content).digest();
  if (!expected.equals(Buffer.from(digest.valueBlock.valueHexView)))
    throw new Error('message digest differs');
  return content;
}
