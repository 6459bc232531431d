// Received reports at rest: the CMS exactly as sent and the parsed document (both sealed), the verification
// summary, the receipt. Read by the resident (receipts), the insurer (reports, CMS) and the outbox.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import type {
  InsurerReport,
  ReportVerification,
  StatusReportDocument,
  StatusReportReceipt,
} from './contracts.ts';
import { readInsurerProfile } from './insurer-profiles.ts';

const field = (reportId: string, column: 'cms_sealed' | 'document_sealed') => ({
  table: 'status_reports',
  column,
  rowId: reportId,
});

export interface NewReport {
  reportId: string;
  receiptNumber: string;
  document: StatusReportDocument;
  residentId: string;
  insurerId: string;
  deviceId: string;
  cms: Uint8Array;
  cmsSha256: string;
  verification: ReportVerification;
  receivedAt: Date;
}

export async function insertReport(db: Queryable, cipher: FieldCipher, report: NewReport): Promise<void> {
  const { reportId, document } = report;
  await db.query(
    `INSERT INTO status_reports (id, receipt_number, submission_id, contract_id, period, resident_id, insurer_id,
       device_id, cms_sealed, cms_sha256, document_sealed, verification, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      reportId,
      report.receiptNumber,
      document.submissionId,
      document.contractId,
      document.period,
      report.residentId,
      report.insurerId,
      report.deviceId,
      cipher.encrypt(Buffer.from(report.cms).toString('base64'), field(reportId, 'cms_sealed')),
      report.cmsSha256,
      cipher.encrypt(JSON.stringify(document), field(reportId, 'document_sealed')),
      JSON.stringify(report.verification),
      report.receivedAt,
    ],
  );
}

interface ReceiptRow {
  id: string;
  receipt_number: string;
  received_at: Date;
  contract_id: string;
  period: string;
  submission_id: string;
  insurer_id: string;
  resident_id: string;
}

const receiptColumns =
  'id, receipt_number, received_at, contract_id, period, submission_id, insurer_id, resident_id';

async function toReceipt(db: Queryable, row: ReceiptRow): Promise<StatusReportReceipt> {
  const profile = await readInsurerProfile(db, row.insurer_id);
  return {
    reportId: row.id,
    receiptNumber: row.receipt_number,
    receivedAt: row.received_at.toISOString(),
    contractId: row.contract_id,
    period: row.period,
    insurerName: profile?.displayName ?? '',
    submissionId: row.submission_id,
  };
}

/** The report already received for this submission, CMS, or contract and period, with its resident. */
export async function findExistingReport(
  db: Queryable,
  by: { cmsSha256?: string; submissionId?: string; contractId?: string; period?: string },
): Promise<{ receipt: StatusReportReceipt; residentId: string } | undefined> {
  const rows = await db.query<ReceiptRow>(
    `SELECT ${receiptColumns} FROM status_reports
      WHERE cms_sha256 = $1 OR submission_id = $2 OR (contract_id = $3 AND period = $4)
      ORDER BY received_at LIMIT 1`,
    [by.cmsSha256 ?? null, by.submissionId ?? null, by.contractId ?? null, by.period ?? null],
  );
  const row = rows[0];
  return row && { receipt: await toReceipt(db, row), residentId: row.resident_id };
}

export async function receiptsOfResident(
  db: Queryable,
  residentId: string,
  limit = 20,
): Promise<StatusReportReceipt[]> {
  const rows = await db.query<ReceiptRow>(
    `SELECT ${receiptColumns} FROM status_reports WHERE resident_id = $1 ORDER BY received_at DESC LIMIT $2`,
    [residentId, limit],
  );
  return Promise.all(rows.map((row) => toReceipt(db, row)));
}

export async function listInsurerReports(
  db: Queryable,
  options: { insurerId: string; since: Date | undefined; limit: number },
) {
  const rows = await db.query<{
    id: string;
    receipt_number: string;
    received_at: Date;
    contract_id: string;
    reference_number: string;
    period: string;
  }>(
    `SELECT r.id, r.receipt_number, r.received_at, r.contract_id, c.reference_number, r.period
       FROM status_reports r JOIN status_report_contracts c ON c.id = r.contract_id
      WHERE r.insurer_id = $1 AND r.received_at > $2 ORDER BY r.received_at, r.id LIMIT $3`,
    [options.insurerId, options.since ?? new Date(0), options.limit],
  );
  return rows.map((row) => ({
    reportId: row.id,
    receiptNumber: row.receipt_number,
    receivedAt: row.received_at.toISOString(),
    contractId: row.contract_id,
    referenceNumber: row.reference_number,
    period: row.period,
  }));
}

interface FullRow extends ReceiptRow {
  reference_number: string;
  cms_sealed: string;
  document_sealed: string;
  verification: ReportVerification;
}

/** A report with its document and verification, and the CMS DER as received; insurerId limits to its own. */
export async function readReport(
  db: Queryable,
  cipher: FieldCipher,
  options: { reportId: string; insurerId?: string },
): Promise<(InsurerReport & { cms: Uint8Array; insurerId: string }) | undefined> {
  const rows = await db.query<FullRow>(
    `SELECT r.id, r.receipt_number, r.received_at, r.contract_id, r.period, r.submission_id, r.insurer_id,
            r.resident_id, c.reference_number, r.cms_sealed, r.document_sealed, r.verification
       FROM status_reports r JOIN status_report_contracts c ON c.id = r.contract_id
      WHERE r.id = $1 AND ($2::uuid IS NULL OR r.insurer_id = $2)`,
    [options.reportId, options.insurerId ?? null],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    receipt: await toReceipt(db, row),
    referenceNumber: row.reference_number,
    document: JSON.parse(cipher.decrypt(row.document_sealed, field(row.id, 'document_sealed'))),
    verification: row.verification,
    cms: new Uint8Array(Buffer.from(cipher.decrypt(row.cms_sealed, field(row.id, 'cms_sealed')), 'base64')),
    insurerId: row.insurer_id,
  };
}
