// Children's health records at rest: a bundle read by fhir-bundle.ts is stored in one transaction with
// multi-row (unnest) upserts, so a batch of 100,000 children is a few statements per thousand rows. A child is
// the municipality's Patient identifier; an entry is the sender's resource id: sending either again replaces
// it (a correction) and names the new source. The same bundle bytes again answer the first summary.
import { createHash } from 'node:crypto';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import type { BundleChild, BundleEntry, BundleRecord, ReadBundle } from './fhir-bundle.ts';

export interface BundleSummary {
  children: number;
  entries: number;
}

const chunkSize = 2000;

const patientField = (id: string) => ({ table: 'health_children', column: 'patient_sealed', rowId: id });
const entryField = (childId: string, type: string, resourceId: string) => ({
  table: 'health_entries',
  column: 'record_sealed',
  rowId: `${childId}/${type}/${resourceId}`,
});

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) out.push(items.slice(i, i + chunkSize));
  return out;
}

export function bundleSha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stores a checked bundle (no problems); `created: false` when the same bytes were stored before. */
export async function storeBundle(
  db: Database,
  cipher: FieldCipher,
  options: { municipality: string; source: string; sha256: string; bundle: ReadBundle; now: Date },
): Promise<{ summary: BundleSummary; created: boolean }> {
  const { municipality, source, now } = options;
  const earlier = await db.query<{ summary: BundleSummary }>(
    'SELECT summary FROM health_bundles WHERE local_government_code = $1 AND sha256 = $2',
    [municipality, options.sha256],
  );
  if (earlier[0] !== undefined) return { summary: earlier[0].summary, created: false };
  const summary = { children: options.bundle.children.length, entries: options.bundle.entries.length };
  return db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const part of chunks(options.bundle.children)) {
      for (const [ref, id] of await upsertChildren(tx, cipher, { municipality, source, children: part, now }))
        ids.set(ref, id);
    }
    for (const part of chunks(options.bundle.entries))
      await upsertEntries(tx, cipher, { ids, source, entries: part, now });
    const stored = await tx.query(
      `INSERT INTO health_bundles (sha256, local_government_code, source, summary, received_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING sha256`,
      [options.sha256, municipality, source, JSON.stringify(summary), now],
    );
    return { summary, created: stored.length > 0 };
  });
}

async function upsertChildren(
  tx: Queryable,
  cipher: FieldCipher,
  options: { municipality: string; source: string; children: readonly BundleChild[]; now: Date },
): Promise<Map<string, string>> {
  const { children } = options;
  const existing = await tx.query<{ id: string; identifier_system: string; identifier_value: string }>(
    `SELECT c.id, c.identifier_system, c.identifier_value FROM health_children c
       JOIN unnest($2::text[], $3::text[]) AS k (s, v) ON c.identifier_system = k.s AND c.identifier_value = k.v
      WHERE c.local_government_code = $1`,
    [options.municipality, children.map((c) => c.identifier.system), children.map((c) => c.identifier.value)],
  );
  const known = new Map(existing.map((r) => [`${r.identifier_system}\u0000${r.identifier_value}`, r.id]));
  const ids = children.map(
    (c) => known.get(`${c.identifier.system}\u0000${c.identifier.value}`) ?? crypto.randomUUID(),
  );
  const written = await tx.query<{ id: string }>(
    `INSERT INTO health_children (id, local_government_code, identifier_system, identifier_value, patient_sealed,
       source, received_at)
     SELECT i, $1, s, v, p, $6, $7 FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS r (i, s, v, p)
     ON CONFLICT (local_government_code, identifier_system, identifier_value) DO UPDATE
       SET patient_sealed = EXCLUDED.patient_sealed, source = EXCLUDED.source, received_at = EXCLUDED.received_at
       WHERE health_children.id = EXCLUDED.id
     RETURNING id`,
    [
      options.municipality,
      ids,
      children.map((c) => c.identifier.system),
      children.map((c) => c.identifier.value),
      children.map((c, i) => cipher.encrypt(JSON.stringify(c.patient), patientField(ids[i] as string))),
      options.source,
      options.now,
    ],
  );
  // A child added by a concurrent send in between: its row keeps the other id; the caller retries the send.
  if (written.length !== children.length) throw new Error('health_children changed during the send; retry');
  return new Map(children.map((c, i) => [c.ref, ids[i] as string]));
}

async function upsertEntries(
  tx: Queryable,
  cipher: FieldCipher,
  options: { ids: Map<string, string>; source: string; entries: readonly BundleEntry[]; now: Date },
): Promise<void> {
  const { entries } = options;
  const childIds = entries.map((e) => options.ids.get(e.childRef) as string);
  const immunization = (e: BundleEntry) => (e.record.kind === 'immunization' ? e.record : undefined);
  await tx.query(
    `INSERT INTO health_entries (child_id, resource_type, resource_id, kind, effective_on, vaccine, dose_number,
       next_dose_on, record_sealed, source, received_at)
     SELECT * , $10::text, $11::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[],
       $6::text[], $7::int[], $8::date[], $9::text[])
     ON CONFLICT (child_id, resource_type, resource_id) DO UPDATE SET kind = EXCLUDED.kind,
       effective_on = EXCLUDED.effective_on, vaccine = EXCLUDED.vaccine, dose_number = EXCLUDED.dose_number,
       next_dose_on = EXCLUDED.next_dose_on, record_sealed = EXCLUDED.record_sealed, source = EXCLUDED.source,
       received_at = EXCLUDED.received_at`,
    [
      childIds,
      entries.map((e) => e.resourceType),
      entries.map((e) => e.resourceId),
      entries.map((e) => e.record.kind),
      entries.map((e) => e.effectiveOn),
      entries.map((e) => immunization(e)?.vaccine ?? null),
      entries.map((e) => immunization(e)?.doseNumber ?? null),
      entries.map((e) => immunization(e)?.nextDoseOn ?? null),
      entries.map((e, i) =>
        cipher.encrypt(
          JSON.stringify(e.record),
          entryField(childIds[i] as string, e.resourceType, e.resourceId),
        ),
      ),
      options.source,
      options.now,
    ],
  );
}

export interface StoredChild {
  id: string;
  localGovernmentCode: string;
  nameKanji: string | null;
  nameKana: string | null;
  birthDate: string;
  sex: 'male' | 'female';
}

export interface StoredEntry {
  resourceType: string;
  resourceId: string;
  effectiveOn: string;
  record: BundleRecord;
  source: string;
  receivedAt: Date;
}

interface ChildRow {
  id: string;
  local_government_code: string;
  patient_sealed: string;
}

function openChild(cipher: FieldCipher, row: ChildRow): StoredChild {
  const patient = JSON.parse(
    cipher.decrypt(row.patient_sealed, patientField(row.id)),
  ) as BundleChild['patient'];
  return { id: row.id, localGovernmentCode: row.local_government_code, ...patient };
}

/** The children linked to a parent, oldest first. */
export async function linkedChildren(
  db: Queryable,
  cipher: FieldCipher,
  residentId: string,
): Promise<StoredChild[]> {
  const rows = await db.query<ChildRow>(
    `SELECT c.id, c.local_government_code, c.patient_sealed FROM health_children c
       JOIN health_parent_links l ON l.child_id = c.id WHERE l.resident_id = $1 ORDER BY l.linked_at, c.id`,
    [residentId],
  );
  return rows.map((r) => openChild(cipher, r)).sort((a, b) => a.birthDate.localeCompare(b.birthDate));
}

/** One child linked to the parent, or undefined (not linked and unknown look the same). */
export async function linkedChild(
  db: Queryable,
  cipher: FieldCipher,
  options: { residentId: string; childId: string },
): Promise<StoredChild | undefined> {
  const rows = await db.query<ChildRow>(
    `SELECT c.id, c.local_government_code, c.patient_sealed FROM health_children c
       JOIN health_parent_links l ON l.child_id = c.id WHERE l.resident_id = $1 AND c.id = $2`,
    [options.residentId, options.childId],
  );
  return rows[0] && openChild(cipher, rows[0]);
}

/** A child's entries, oldest first. */
export async function childEntries(
  db: Queryable,
  cipher: FieldCipher,
  childId: string,
): Promise<StoredEntry[]> {
  const rows = await db.query<{
    resource_type: string;
    resource_id: string;
    effective_on: string | Date;
    record_sealed: string;
    source: string;
    received_at: Date;
  }>(
    `SELECT resource_type, resource_id, effective_on::text AS effective_on, record_sealed, source, received_at
       FROM health_entries WHERE child_id = $1 ORDER BY effective_on, resource_id`,
    [childId],
  );
  return rows.map((r) => ({
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    effectiveOn: String(r.effective_on),
    record: JSON.parse(
      cipher.decrypt(r.record_sealed, entryField(childId, r.resource_type, r.resource_id)),
    ) as BundleRecord,
    source: r.source,
    receivedAt: r.received_at,
  }));
}
