// 利用申込み: a parent applies to see their children's records with a document signed by the My Number Card's
// signature certificate (CMS SignedData, verified by jpki's verifySignedData like a status report: signature,
// chain to the sign CA, revocation now). The signer must be the logged-in resident (same four items). The
// municipality named reviews it (the parent's verified four items and the children's birth dates; a name only
// when the parent gave one: typing kana with a remote is hard, and the four items with a birth date find the
// child in the municipality's own register) and approves it with its own identifiers of the children, which
// links the parent to them; or rejects it. Each application gets a 受付番号 the parent sees on TV.
// Idempotent: the same CMS again answers the first application; the same decision again answers it unchanged.
import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { type CertificateVerifier, renderName, serialHex, verifySignedData } from '../jpki/index.ts';
import { type BlindIndex, basicInfoMatchKey } from '../residents/index.ts';
import { receiptNumber } from '../status-reports/due-period.ts';
import { birthDateProblem } from './child-birth-date.ts';
import { japanDay } from './child-record.ts';
import { HealthError } from './health-error.ts';
import type { LinkApplication, LinkApplicationState } from './view-contracts.ts';

export const linkApplicationType = 'myna-tv/health-link-application/1';
export const maxSignedApplicationBytes = 32 * 1024;

export const linkApplicationDocumentSchema = z
  .object({
    type: z.literal(linkApplicationType),
    applicationId: z.uuid(),
    localGovernmentCode: z.string().regex(/^\d{6}$/),
    children: z
      .array(z.object({ name: z.string().min(1).max(100).optional(), birthDate: z.iso.date() }))
      .min(1)
      .max(10),
    signedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('HealthLinkApplicationDocument');
export type LinkApplicationDocument = z.infer<typeof linkApplicationDocumentSchema>;

interface Sealed {
  document: LinkApplicationDocument;
  parent: LinkApplication['parent'];
  cms: string;
  signer: { issuer: string; serial: string };
}

const sealedField = (id: string) => ({
  table: 'health_link_applications',
  column: 'application_sealed',
  rowId: id,
});

const reasonField = (id: string) => ({
  table: 'health_link_applications',
  column: 'reason_sealed',
  rowId: id,
});

interface ApplicationRow {
  id: string;
  receipt_number: string;
  reason_sealed: string | null;
  local_government_code: string;
  state: LinkApplicationState;
  application_sealed: string;
  submitted_at: Date;
  decided_at: Date | null;
  resident_id: string;
}

function toApplication(cipher: FieldCipher, row: ApplicationRow): LinkApplication {
  const sealed = JSON.parse(cipher.decrypt(row.application_sealed, sealedField(row.id))) as Sealed;
  return {
    applicationId: row.id,
    receiptNumber: row.receipt_number,
    localGovernmentCode: row.local_government_code,
    state: row.state,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    reason: row.reason_sealed === null ? null : cipher.decrypt(row.reason_sealed, reasonField(row.id)),
    children: sealed.document.children,
    parent: sealed.parent,
  };
}

const columns =
  'id, receipt_number, local_government_code, state, application_sealed, submitted_at, decided_at, resident_id, reason_sealed';

const invalid = (message: string) => new HealthError('health.application-invalid', message);

export async function submitLinkApplication(
  db: Database,
  options: {
    certificates: CertificateVerifier;
    cipher: FieldCipher;
    blindIndex: BlindIndex;
    residentId: string;
    signedApplication: string;
    now: Date;
  },
): Promise<{ application: LinkApplication; created: boolean }> {
  const { cipher, residentId, now } = options;
  const cms = new Uint8Array(Buffer.from(options.signedApplication, 'base64'));
  if (cms.byteLength > maxSignedApplicationBytes)
    throw invalid(`the signed application is larger than ${maxSignedApplicationBytes} bytes`);
  const cmsSha256 = createHash('sha256').update(cms).digest('hex');
  const resent = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM health_link_applications WHERE cms_sha256 = $1 AND resident_id = $2`,
    [cmsSha256, residentId],
  );
  if (resent[0] !== undefined) return { application: toApplication(cipher, resent[0]), created: false };

  const signed = await verifySignedData(options.certificates, {
    cms,
    maxBytes: maxSignedApplicationBytes,
    at: now,
  });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(signed.content));
  } catch {
    throw invalid('the signed content is not UTF-8 JSON');
  }
  const parsed = linkApplicationDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `not a health link application (${issue?.path.join('.') || '(document)'}: ${issue?.message})`,
    );
  }
  const document = parsed.data;
  const today = japanDay(now);
  for (const [index, child] of document.children.entries()) {
    const problem = birthDateProblem(child.birthDate, today);
    if (problem !== null) throw invalid(`children.${index}.birthDate: ${problem} (${child.birthDate})`);
  }
  const [resident] = await db.query<{ basic_info_index: string }>(
    'SELECT basic_info_index FROM residents WHERE id = $1',
    [residentId],
  );
  if (
    resident === undefined ||
    !options.blindIndex.candidates(basicInfoMatchKey(signed.basicInfo)).includes(resident.basic_info_index)
  )
    throw new HealthError(
      'health.signer-mismatch',
      'the application is not signed by the logged-in resident',
    );

  const id = document.applicationId;
  const sealed: Sealed = {
    document,
    parent: {
      name: signed.basicInfo.name,
      dateOfBirth: signed.basicInfo.dateOfBirth.date,
      address: signed.basicInfo.address,
    },
    cms: Buffer.from(cms).toString('base64'),
    signer: {
      issuer: renderName(signed.signer.certificate.issuer),
      serial: serialHex(signed.signer.certificate),
    },
  };
  const inserted = await db.query<ApplicationRow>(
    `INSERT INTO health_link_applications (id, resident_id, local_government_code, cms_sha256, application_sealed,
       state, submitted_at, receipt_number)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) ON CONFLICT DO NOTHING RETURNING ${columns}`,
    [
      id,
      residentId,
      document.localGovernmentCode,
      cmsSha256,
      cipher.encrypt(JSON.stringify(sealed), sealedField(id)),
      now,
      receiptNumber(now, await nextReceiptSequence(db)),
    ],
  );
  if (inserted[0] !== undefined) return { application: toApplication(cipher, inserted[0]), created: true };
  // The same application id (or the same bytes) arrived before: only its own signer gets it back.
  const [earlier] = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM health_link_applications WHERE (id = $1 OR cms_sha256 = $2) AND resident_id = $3`,
    [id, cmsSha256, residentId],
  );
  if (earlier === undefined) throw invalid('this application id was used for another application');
  return { application: toApplication(cipher, earlier), created: false };
}

/** A number spent on a conflict (the same application again) leaves a gap: numbers are unique, not dense. */
async function nextReceiptSequence(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT nextval('health_link_application_receipt_seq')::int AS n",
  );
  return row?.n ?? 0;
}

/** The resident's own applications, newest first. */
export async function residentApplications(db: Queryable, cipher: FieldCipher, residentId: string) {
  const rows = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM health_link_applications WHERE resident_id = $1 ORDER BY submitted_at DESC`,
    [residentId],
  );
  return rows.map((r) => toApplication(cipher, r));
}

/** A municipality's applications (pending first, then newest). */
export async function municipalityApplications(db: Queryable, cipher: FieldCipher, municipality: string) {
  const rows = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM health_link_applications WHERE local_government_code = $1
      ORDER BY (state = 'pending') DESC, submitted_at DESC LIMIT 500`,
    [municipality],
  );
  return rows.map((r) => toApplication(cipher, r));
}

/** Approves (linking the named children) or rejects a pending application of the municipality; a rejection's
 * reason is kept for the parent. */
export async function decideLinkApplication(
  db: Database,
  cipher: FieldCipher,
  options: {
    municipality: string;
    applicationId: string;
    decision: 'approve' | 'reject';
    children: readonly { system: string; value: string }[];
    /** Why it is rejected (shown to the parent); ignored on approval. */
    reason?: string;
    decidedBy: string;
    now: Date;
  },
): Promise<LinkApplication> {
  const { municipality, applicationId, now } = options;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<ApplicationRow>(
      `SELECT ${columns} FROM health_link_applications WHERE id = $1 AND local_government_code = $2 FOR UPDATE`,
      [applicationId, municipality],
    );
    if (row === undefined) throw new HealthError('health.application-not-found', 'no such application');
    const wanted: LinkApplicationState = options.decision === 'approve' ? 'approved' : 'rejected';
    if (row.state === wanted) return toApplication(cipher, row);
    if (row.state !== 'pending')
      throw new HealthError('health.application-decided', `the application is ${row.state}`);
    if (options.decision === 'approve') {
      if (options.children.length === 0)
        throw new HealthError('health.unknown-child', 'name the children to link');
      const found = await tx.query<{ id: string }>(
        `SELECT c.id FROM health_children c
           JOIN unnest($2::text[], $3::text[]) AS k (s, v) ON c.identifier_system = k.s AND c.identifier_value = k.v
          WHERE c.local_government_code = $1`,
        [municipality, options.children.map((c) => c.system), options.children.map((c) => c.value)],
      );
      if (found.length !== new Set(options.children.map((c) => `${c.system}\u0000${c.value}`)).size)
        throw new HealthError('health.unknown-child', 'a named child has no record in this municipality');
      await tx.query(
        `INSERT INTO health_parent_links (resident_id, child_id, application_id, linked_at)
         SELECT $1, unnest($2::uuid[]), $3, $4 ON CONFLICT DO NOTHING`,
        [row.resident_id, found.map((f) => f.id), applicationId, now],
      );
    }
    const [updated] = await tx.query<ApplicationRow>(
      `UPDATE health_link_applications SET state = $2, decided_at = $3, decided_by = $4, reason_sealed = $5
        WHERE id = $1 RETURNING ${columns}`,
      [
        applicationId,
        wanted,
        now,
        options.decidedBy,
        wanted === 'rejected' && options.reason
          ? cipher.encrypt(options.reason, reasonField(applicationId))
          : null,
      ],
    );
    return toApplication(cipher, updated as ApplicationRow);
  });
}
