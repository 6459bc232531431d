// Receiving a signed status report (POST /status-reports). The CMS is verified by the JPKI relying party
// (signature, chain to the sign CA, revocation now), its content must be the canonical (RFC 8785) JSON of a
// status report document, the signer must be the resident of the contract it names, the holder the signer's
// four items, the period the one open now and the answers those of the insurer's form. Accepted reports are
// stored unchanged with a receipt, queued for the insurer, and noted in the resident's お知らせ.
//
// Idempotent: the same CMS, the same submission id or the same contract and period again answer the first
// receipt (`created: false`). Identical bytes are recognised before any verification, so a box resending
// after a lost answer gets its receipt even if the certificate was revoked since.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FieldCipher } from '../crypto/index.ts';
import { type Database, DbError, type Queryable } from '../db/index.ts';
import {
  type CertificateVerifier,
  renderName,
  serialHex,
  type VerifiedSignedData,
  verifySignedData,
} from '../jpki/index.ts';
import { cmsOid } from '../jpki/oids.ts';
import { addNotice } from '../mailbox/index.ts';
import { type BlindIndex, basicInfoMatchKey, rememberSignCertificate } from '../residents/index.ts';
import {
  maxSignedReportBytes,
  type ReportVerification,
  type StatusReportDocument,
  type StatusReportReceipt,
  statusReportDocumentSchema,
} from './contracts.ts';
import { enqueueDelivery } from './delivery-outbox.ts';
import { japanDate, openPeriod, receiptNumber } from './due-period.ts';
import { readInsurerProfile } from './insurer-profiles.ts';
import { holderMatchKey, readContract } from './report-contracts.ts';
import { findExistingReport, insertReport } from './report-records.ts';
import { StatusReportError } from './status-report-error.ts';

export interface ReceivedReport {
  receipt: StatusReportReceipt;
  /** False when this answers a report received before. */
  created: boolean;
}

const malformed = (message: string) => new StatusReportError('report.malformed', message);

/** The signed content as a document; refused unless it is UTF-8 JSON in its RFC 8785 form. */
export function readReportDocument(
  signed: Pick<VerifiedSignedData, 'content' | 'contentType'>,
): StatusReportDocument {
  if (signed.contentType !== cmsOid.data) throw malformed('the signed content must be id-data');
  let text: string;
  let json: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(signed.content);
    json = JSON.parse(text);
  } catch {
    throw malformed('the signed content is not UTF-8 JSON');
  }
  if (canonicalize(json) !== text) throw malformed('the signed content is not canonical JSON (RFC 8785)');
  const parsed = statusReportDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(
      `not a status report document (${issue?.path.join('.') || '(document)'}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/** The registered resident the signer certificate names: by the four items, else by this very certificate. */
async function signerResident(
  db: Queryable,
  signed: VerifiedSignedData,
  blindIndex: BlindIndex,
): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM residents WHERE basic_info_index = ANY($1::text[])
        OR (sign_cert_issuer = $2 AND sign_cert_serial = $3)
      ORDER BY (basic_info_index = ANY($1::text[])) DESC LIMIT 1`,
    [
      blindIndex.candidates(basicInfoMatchKey(signed.basicInfo)),
      renderName(signed.signer.certificate.issuer),
      serialHex(signed.signer.certificate),
    ],
  );
  return rows[0]?.id;
}

export async function receiveReport(
  db: Database,
  options: {
    certificates: CertificateVerifier;
    cipher: FieldCipher;
    blindIndex: BlindIndex;
    deviceId: string;
    signedReport: string;
    now: Date;
  },
): Promise<ReceivedReport> {
  const { cipher, now } = options;
  const cms = new Uint8Array(Buffer.from(options.signedReport, 'base64'));
  if (cms.byteLength > maxSignedReportBytes)
    throw malformed(`the signed report is larger than ${maxSignedReportBytes} bytes`);
  const cmsSha256 = createHash('sha256').update(cms).digest('hex');
  const resent = await findExistingReport(db, { cmsSha256 });
  if (resent !== undefined) return { receipt: resent.receipt, created: false };

  const signed = await verifySignedData(options.certificates, {
    cms,
    maxBytes: maxSignedReportBytes,
    at: now,
  });
  const document = readReportDocument(signed);
  const residentId = await signerResident(db, signed, options.blindIndex);
  const contract = await readContract(db, document.contractId);
  // An unmatched contract is held by the signer if it names the signer's four items (matched below).
  const signerKeys = options.blindIndex.candidates(basicInfoMatchKey(signed.basicInfo));
  const held =
    contract?.residentId === residentId ||
    (contract?.residentId === null && signerKeys.includes(contract.basicInfoIndex));
  if (contract === undefined || residentId === undefined || !held) {
    throw new StatusReportError('report.contract-not-held', 'the signer does not hold this contract');
  }
  const earlier = await findExistingReport(db, {
    submissionId: document.submissionId,
    contractId: contract.contractId,
    period: document.period,
  });
  if (earlier !== undefined && earlier.residentId === residentId)
    return { receipt: earlier.receipt, created: false };
  if (earlier !== undefined) throw malformed('this submission id was used for another report');

  if (document.insurer.id !== contract.insurerId || document.referenceNumber !== contract.referenceNumber)
    throw malformed('the report names another insurer or reference number than its contract');
  if (holderMatchKey(document.holder) !== basicInfoMatchKey(signed.basicInfo))
    throw new StatusReportError(
      'report.holder-mismatch',
      "the holder is not the signer certificate's four items",
    );
  const open = openPeriod({ dueMonth: contract.dueMonth, contractCreatedAt: contract.createdAt, now });
  if (open?.period !== document.period)
    throw new StatusReportError('report.not-due', `period ${document.period} is not open for this contract`);
  const profile = await readInsurerProfile(db, contract.insurerId);
  if (profile === undefined) throw new StatusReportError('report.contract-not-held', 'the insurer is gone');
  const sameForm =
    document.declaration === profile.declaration &&
    document.answers.length === profile.questions.length &&
    document.answers.every(
      (a, i) => a.questionId === profile.questions[i]?.id && a.question === profile.questions[i]?.text,
    );
  if (!sameForm)
    throw new StatusReportError(
      'report.answers-mismatch',
      "the declaration or questions differ from the insurer's form",
    );

  const verification: ReportVerification = {
    signerIssuer: renderName(signed.signer.certificate.issuer),
    signerSerial: serialHex(signed.signer.certificate),
    signerNotAfter: signed.signer.validity.notAfter.toISOString(),
    signingTime: signed.signingTime.toISOString(),
    revocation: { status: 'good', checkedAt: now.toISOString(), source: 'JPKI OCSP (CRL fallback)' },
    cmsSha256,
  };
  const store = () =>
    db.transaction(async (tx) => {
      const [seq] = await tx.query<{ n: number }>("SELECT nextval('status_report_receipt_seq')::int AS n");
      const reportId = crypto.randomUUID();
      const number = receiptNumber(now, seq?.n ?? 0);
      await tx.query(
        'UPDATE status_report_contracts SET resident_id = $2 WHERE id = $1 AND resident_id IS NULL',
        [contract.contractId, residentId],
      );
      await insertReport(tx, cipher, {
        reportId,
        receiptNumber: number,
        document,
        residentId,
        insurerId: contract.insurerId,
        deviceId: options.deviceId,
        cms,
        cmsSha256,
        verification,
        receivedAt: now,
      });
      await enqueueDelivery(tx, { id: reportId, insurerId: contract.insurerId, kind: 'status-report', now });
      await rememberSignCertificate(tx, cipher, {
        residentId,
        issuer: verification.signerIssuer,
        serial: verification.signerSerial,
        der: signed.signer.der,
        now,
      });
      await addNotice(tx, cipher, {
        residentId,
        sender: { kind: 'insurer', id: contract.insurerId, name: profile.displayName },
        kind: 'receipt',
        title: '現況届を受け付けました',
        body: receiptNoticeBody({
          insurerName: profile.displayName,
          period: document.period,
          number,
          at: now,
        }),
        dedupeKey: `receipt:${reportId}`,
        now,
      });
      return {
        reportId,
        receiptNumber: number,
        receivedAt: now.toISOString(),
        contractId: contract.contractId,
        period: document.period,
        insurerName: profile.displayName,
        submissionId: document.submissionId,
      };
    });
  try {
    return { receipt: await store(), created: true };
  } catch (error) {
    // The same report arrived twice at once: the loser answers the winner's receipt.
    if (!(error instanceof DbError && error.sqlState === '23505')) throw error;
    const winner = await findExistingReport(db, {
      submissionId: document.submissionId,
      contractId: contract.contractId,
      period: document.period,
    });
    if (winner === undefined) throw error;
    return { receipt: winner.receipt, created: false };
  }
}

function receiptNoticeBody(options: {
  insurerName: string;
  period: string;
  number: string;
  at: Date;
}): string {
  const [year, month] = options.period.split('-');
  const at = japanDate(options.at);
  const time = new Date(options.at.getTime() + 9 * 3_600_000);
  const clock = `${time.getUTCHours()}時${String(time.getUTCMinutes()).padStart(2, '0')}分`;
  return (
    `${options.insurerName}への現況届（${year}年${Number(month)}月分）を受け付けました。\n` +
    `受付番号: ${options.number}\n` +
    `受付日時: ${at.year}年${at.month}月${at.day}日 ${clock}`
  );
}
