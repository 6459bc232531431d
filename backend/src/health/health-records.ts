// Children's health records at rest: a bundle read by fhir-bundle.ts is stored in one transaction, in chunks
// of rows sent as one JSON document each (json_to_recordset), so a batch of 100,000 children is a few
// statements per ten thousand rows; each chunk is sealed while the database writes the one before. A child is
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

const chunkSize = 5000;

const patientField = (id: string) => ({ table: 'health_children', column: 'patient_sealed', rowId: id });
const entryField = (childId: string, type: string, resourceId: string) => ({
  table: 'health_entries',
  column: 'record_sealed',
  rowId: `${childId}/${type}/${resourceId}`,
});

/**
 * Writes `items` chunk by chunk: the next chunk is prepared (sealed, in this process) while the database is
 * still writing the previous one, so the two sides work at once. `prepare` is synchronous: nothing else runs
 * between starting a write and awaiting it.
 */
async function writeInChunks<T>(
  items: readonly T[],
  prepare: (part: readonly T[]) => string,
  write: (rows: string, count: number) => Promise<void>,
): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  for (let i = 0; i < items.length; i += chunkSize) {
    const part = items.slice(i, i + chunkSize);
    const rows = prepare(part);
    await writing;
    writing = write(rows, part.length);
  }
  await writing;
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
  const { municipality, source, now, bundle } = options;
  const earlier = await db.query<{ summary: BundleSummary }>(
    'SELECT summary FROM health_bundles WHERE local_government_code = $1 AND sha256 = $2',
    [municipality, options.sha256],
  );
  if (earlier[0] !== undefined) return { summary: earlier[0].summary, created: false };
  const summary = { children: bundle.children.length, entries: bundle.entries.length };
  return db.transaction(async (tx) => {
    const ids = await childIds(tx, municipality, bundle.children);
    await writeInChunks(
      bundle.children,
      (part) => childRows(cipher, part, ids),
      (rows, count) => writeChildren(tx, { municipality, source, rows, count, now }),
    );
    await writeInChunks(
      bundle.entries,
      (part) => entryRows(cipher, part, ids),
      (rows) => writeEntries(tx, { source, rows, now }),
    );
    const stored = await tx.query(
      `INSERT INTO health_bundles (sha256, local_government_code, source, summary, received_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING sha256`,
      [options.sha256, municipality, source, JSON.stringify(summary), now],
    );
    return { summary, created: stored.length > 0 };
  });
}

/** Each child's row id by its bundle reference: the stored child's, or a new one. */
async function childIds(
  tx: Queryable,
  municipality: string,
  children: readonly BundleChild[],
): Promise<Map<string, string>> {
  const keys = JSON.stringify(children.map((c) => ({ s: c.identifier.system, v: c.identifier.value })));
  const existing = await tx.query<{ id: string; identifier_system: string; identifier_value: string }>(
    `SELECT c.id, c.identifier_system, c.identifier_value FROM health_children c
       JOIN json_to_recordset($2::json) AS k (s text, v text) ON c.identifier_system = k.s AND c.identifier_value = k.v
      WHERE c.local_government_code = $1`,
    [municipality, keys],
  );
  const known = new Map(existing.map((r) => [`${r.identifier_system}\u0000${r.identifier_value}`, r.id]));
  return new Map(
    children.map((c) => [
      c.ref,
      known.get(`${c.identifier.system}\u0000${c.identifier.value}`) ?? crypto.randomUUID(),
    ]),
  );
}

function childRows(cipher: FieldCipher, children: readonly BundleChild[], ids: Map<string, string>): string {
  return JSON.stringify(
    children.map((c) => {
      const id = ids.get(c.ref) as string;
      return {
        i: id,
        s: c.identifier.system,
        v: c.identifier.value,
        p: cipher.encrypt(JSON.stringify(c.patient), patientField(id)),
      };
    }),
  );
}

async function writeChildren(
  tx: Queryable,
  options: { municipality: string; source: string; rows: string; count: number; now: Date },
): Promise<void> {
  const [written] = await tx.query<{ n: number }>(
    `WITH w AS (
       INSERT INTO health_children (id, local_government_code, identifier_system, identifier_value, patient_sealed,
         source, received_at)
       SELECT i, $1, s, v, p, $3, $4 FROM json_to_recordset($2::json) AS r (i uuid, s text, v text, p text)
       ON CONFLICT (local_government_code, identifier_system, identifier_value) DO UPDATE
         SET patient_sealed = EXCLUDED.patient_sealed, source = EXCLUDED.source, received_at = EXCLUDED.received_at
         WHERE health_children.id = EXCLUDED.id
       RETURNING 1)
     SELECT count(*)::int AS n FROM w`,
    [options.municipality, options.rows, options.source, options.now],
  );
  // A child added by a concurrent send in between: its row keeps the other id; the caller retries the send.
  if (written?.n !== options.count) throw new Error('health_children changed during the send; retry');
}

function entryRows(cipher: FieldCipher, entries: readonly BundleEntry[], ids: Map<string, string>): string {
  return JSON.stringify(
    entries.map((e) => {
      const childId = ids.get(e.childRef) as string;
      const immunization = e.record.kind === 'immunization' ? e.record : undefined;
      return {
        c: childId,
        t: e.resourceType,
        r: e.resourceId,
        k: e.record.kind,
        e: e.effectiveOn,
        v: immunization?.vaccine ?? null,
        d: immunization?.doseNumber ?? null,
        n: immunization?.nextDoseOn ?? null,
        s: cipher.encrypt(JSON.stringify(e.record), entryField(childId, e.resourceType, e.resourceId)),
      };
    }),
  );
}

async function writeEntries(
  tx: Queryable,
  options: { source: string; rows: string; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO health_entries (child_id, resource_type, resource_id, kind, effective_on, vaccine, dose_number,
       next_dose_on, record_sealed, source, received_at)
     SELECT c, t, r, k, e, v, d, n, s, $2, $3 FROM json_to_recordset($1::json)
       AS x (c uuid, t text, r text, k text, e date, v text, d int, n date, s text)
     ON CONFLICT (child_id, resource_type, resource_id) DO UPDATE SET kind = EXCLUDED.kind,
       effective_on = EXCLUDED.effective_on, vaccine = EXCLUDED.vaccine, dose_number = EXCLUDED.dose_number,
       next_dose_on = EXCLUDED.next_dose_on, record_sealed = EXCLUDED.record_sealed, source = EXCLUDED.source,
       received_at = EXCLUDED.received_at`,
    [options.rows, options.source, options.now],
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

/** Every child with a linked parent, and the parents' resident ids (the reminder job's round). */
export async function childrenWithParents(
  db: Queryable,
  cipher: FieldCipher,
): Promise<{ child: StoredChild; residentIds: string[] }[]> {
  const rows = await db.query<ChildRow & { resident_ids: string[] }>(
    `SELECT c.id, c.local_government_code, c.patient_sealed, array_agg(l.resident_id::text) AS resident_ids
       FROM health_parent_links l JOIN health_children c ON c.id = l.child_id
      GROUP BY c.id, c.local_government_code, c.patient_sealed ORDER BY c.id`,
  );
  return rows.map((row) => ({ child: openChild(cipher, row), residentIds: row.resident_ids }));
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
