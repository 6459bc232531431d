// Wire contracts of the status report (現況届): the signed document, the box's drafts and receipts, and the
// insurer API. The backend owns them; stb-bridge and the TV app import the types. Schema and type are one
// declaration. Names here are the ones agreed across components (/work/notes/status-report.md).
import { z } from '@hono/zod-openapi';
import { plainTextProblem } from '../mailbox/index.ts';

export const statusReportDocumentType = 'myna-tv/status-report/1';

/** Largest signed report accepted (DER bytes). */
export const maxSignedReportBytes = 64 * 1024;

const period = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const isoDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'must be YYYY-MM-DD');
const referenceNumber = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, '1–40 letters, digits or hyphens');

/** The four basic items as they appear in a report (dateOfBirth as the Gregorian ISO date). */
export const holderSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    dateOfBirth: isoDate,
    gender: z.enum(['male', 'female', 'unknown']),
    address: z.string().min(1).max(300),
  })
  .openapi('StatusReportHolder');
export type StatusReportHolder = z.infer<typeof holderSchema>;

export const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case id'),
    text: z
      .string()
      .refine((text) => plainTextProblem(text, 200) === undefined, 'plain text, 1–200 characters'),
  })
  .openapi('StatusReportQuestion');
export type StatusReportQuestion = z.infer<typeof questionSchema>;

/**
 * What the card's signature key signs: this JSON, canonicalised with RFC 8785 (JCS), UTF-8, as the attached
 * content (id-data) of a CMS SignedData. Content that is not canonical is refused (report.malformed).
 */
export const statusReportDocumentSchema = z.strictObject({
  type: z.literal(statusReportDocumentType),
  /** Made by the bridge (UUID v4): the idempotency key of the submission. */
  submissionId: z.uuid(),
  contractId: z.uuid(),
  /** The due month this report answers. */
  period,
  insurer: z.strictObject({ id: z.uuid(), name: z.string().min(1).max(100) }),
  referenceNumber,
  holder: holderSchema,
  declaration: z.string().min(1).max(1000),
  /** Every question of the form, in order. */
  answers: z
    .array(
      z.strictObject({ questionId: z.string().min(1).max(40), question: z.string(), answer: z.boolean() }),
    )
    .min(1)
    .max(20),
  deviceId: z.uuid(),
  signedAt: z.iso.datetime(),
});
export type StatusReportDocument = z.infer<typeof statusReportDocumentSchema>;

/** A report due (or overdue) for the logged-in resident, pre-filled for the box to show and sign. */
export const statusReportDraftSchema = z
  .object({
    contractId: z.uuid(),
    period,
    /** Last day of the due month (Japan time). */
    dueBy: isoDate,
    overdue: z.boolean(),
    insurer: z.object({ id: z.uuid(), name: z.string() }),
    referenceNumber: z.string(),
    holder: holderSchema,
    declaration: z.string(),
    questions: z.array(questionSchema),
  })
  .openapi('StatusReportDraft');
export type StatusReportDraft = z.infer<typeof statusReportDraftSchema>;

export const statusReportReceiptSchema = z
  .object({
    reportId: z.uuid(),
    /** e.g. 2026-1124-000123: the Japan-time date of receipt and a running number. */
    receiptNumber: z.string(),
    receivedAt: z.iso.datetime(),
    contractId: z.uuid(),
    period,
    insurerName: z.string(),
    submissionId: z.uuid(),
  })
  .openapi('StatusReportReceipt');
export type StatusReportReceipt = z.infer<typeof statusReportReceiptSchema>;

/** GET /api/v1/residents/me/status-reports */
export const residentStatusReportsSchema = z
  .object({ due: z.array(statusReportDraftSchema), sent: z.array(statusReportReceiptSchema) })
  .openapi('ResidentStatusReports');
export type ResidentStatusReports = z.infer<typeof residentStatusReportsSchema>;

/** POST /api/v1/status-reports (device credential; the CMS authenticates the resident). */
export const submitStatusReportSchema = z
  .strictObject({
    /** DER ContentInfo (SignedData over the canonical document), base64. */
    signedReport: z
      .string()
      .min(1)
      .max(Math.ceil(maxSignedReportBytes / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .openapi('StatusReportSubmission');
export type StatusReportSubmission = z.infer<typeof submitStatusReportSchema>;

// ---- Insurer API (API client role 'insurer') ----

const endpointUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((text) => {
    const url = new URL(text);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'must be https (http only to a loopback address, for development)');

/** PUT /api/v1/insurer/profile */
export const insurerProfileInputSchema = z
  .strictObject({
    displayName: z.string().min(1).max(100),
    /** Where reports and signals are POSTed (Bearer `token`, Idempotency-Key); null: fetch them via the API. */
    endpoint: z.strictObject({ url: endpointUrl, token: z.string().min(16).max(500) }).nullable(),
    /** The form the resident confirms; omitted: the default form. */
    form: z
      .strictObject({
        declaration: z
          .string()
          .refine((t) => plainTextProblem(t, 1000) === undefined, 'plain text, 1–1000 characters'),
        questions: z
          .array(questionSchema)
          .min(1)
          .max(20)
          .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must differ'),
      })
      .optional(),
  })
  .openapi('InsurerProfileInput');
export type InsurerProfileInput = z.infer<typeof insurerProfileInputSchema>;

export const insurerProfileSchema = z
  .object({
    insurerId: z.uuid(),
    displayName: z.string(),
    /** The endpoint URL (the token is never shown again); null: reports wait to be fetched. */
    endpointUrl: z.string().nullable(),
    declaration: z.string(),
    questions: z.array(questionSchema),
  })
  .openapi('InsurerProfile');
export type InsurerProfile = z.infer<typeof insurerProfileSchema>;

/** PUT /api/v1/insurer/contracts/{referenceNumber} */
export const contractInputSchema = z
  .strictObject({ dueMonth: z.number().int().min(1).max(12), holder: holderSchema })
  .openapi('StatusReportContractInput');
export type ContractInput = z.infer<typeof contractInputSchema>;

export const contractSchema = z
  .object({
    contractId: z.uuid(),
    referenceNumber: z.string(),
    dueMonth: z.number().int(),
    /** True once a registered resident with these four items is found. */
    matched: z.boolean(),
  })
  .openapi('StatusReportContract');
export type StatusReportContract = z.infer<typeof contractSchema>;

export const reportVerificationSchema = z
  .object({
    signerIssuer: z.string(),
    signerSerial: z.string(),
    signerNotAfter: z.iso.datetime(),
    signingTime: z.iso.datetime(),
    /** The revocation status at receipt ('good': refused otherwise) and when it was asked. */
    revocation: z.object({ status: z.literal('good'), checkedAt: z.iso.datetime(), source: z.string() }),
    cmsSha256: z.string(),
  })
  .openapi('StatusReportVerification');
export type ReportVerification = z.infer<typeof reportVerificationSchema>;

export const insurerReportSummarySchema = z
  .object({
    reportId: z.uuid(),
    receiptNumber: z.string(),
    receivedAt: z.iso.datetime(),
    contractId: z.uuid(),
    referenceNumber: z.string(),
    period,
  })
  .openapi('InsurerReportSummary');

export const insurerReportListSchema = z
  .object({ reports: z.array(insurerReportSummarySchema) })
  .openapi('InsurerReportList');

export const insurerReportSchema = z
  .object({
    receipt: statusReportReceiptSchema,
    referenceNumber: z.string(),
    document: statusReportDocumentSchema,
    verification: reportVerificationSchema,
  })
  .openapi('InsurerReport');
export type InsurerReport = z.infer<typeof insurerReportSchema>;

/** POST /api/v1/insurer/notices: a notice to the resident of one of the insurer's contracts. */
export const insurerNoticeInputSchema = z
  .strictObject({
    referenceNumber,
    title: z.string().refine((t) => plainTextProblem(t, 100) === undefined, 'plain text, 1–100 characters'),
    body: z.string().refine((t) => plainTextProblem(t, 2000) === undefined, 'plain text, 1–2000 characters'),
  })
  .openapi('InsurerNoticeInput');

export const certificateSignalSchema = z
  .object({
    signalId: z.uuid(),
    kind: z.literal('sign-certificate-revoked'),
    contractId: z.uuid(),
    referenceNumber: z.string(),
    revokedAt: z.iso.datetime().nullable(),
    detectedAt: z.iso.datetime(),
    /** Fixed wording: what a revocation may mean. It never says the holder died. */
    meaning: z.string(),
  })
  .openapi('CertificateSignal');
export type CertificateSignal = z.infer<typeof certificateSignalSchema>;

export const certificateSignalListSchema = z
  .object({ signals: z.array(certificateSignalSchema) })
  .openapi('CertificateSignalList');

/** GET /api/v1/ops/report-deliveries: the outbox as the operator sees it. */
export const deliveryStateSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['status-report', 'certificate-signal']),
    insurerId: z.uuid(),
    insurerName: z.string(),
    /** pending: to be sent (again); delivered; no-endpoint: waits for the insurer to fetch it via the API. */
    state: z.enum(['pending', 'delivered', 'no-endpoint']),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('ReportDelivery');
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const deliveryListSchema = z
  .object({ deliveries: z.array(deliveryStateSchema) })
  .openapi('ReportDeliveryList');
