// The audit log: who did what to which record, when, under which request. Append-only: the table's trigger
// (migration 0002) refuses UPDATE, DELETE and TRUNCATE, so not even a compromised handler can rewrite history.
// Entries name records by id only; personal data itself never goes into the log.
import type { Role } from '../accounts/roles.ts';
import type { Queryable } from '../db/index.ts';

/** Who acts: an authenticated principal, the start-up seed ('system'), or an unauthenticated caller. */
export interface AuditActor {
  id: string;
  role: Role | 'system' | 'anonymous';
  /** The request that caused the entry; null outside HTTP (seed, jobs). */
  requestId: string | null;
}

/** Every audited action. Append new actions here; an action keeps its meaning once shipped. */
export type AuditAction =
  | 'operator.login'
  | 'operator.login-refused'
  | 'operator.logout'
  | 'account.create'
  | 'account.read'
  | 'account.disable'
  | 'api-client.create'
  | 'api-client.revoke'
  | 'device.enrol'
  | 'device.revoke'
  | 'household.read'
  | 'resident.register'
  | 'resident.relink'
  | 'resident.login'
  | 'resident.logout'
  | 'resident.read'
  | 'status-report.receive'
  | 'status-report.read'
  | 'status-report.contract-put'
  | 'audit.read'
  | 'shelter-terminal.enrol'
  | 'shelter-terminal.revoke'
  | 'alert.compose'
  | 'alert.needs-assistance-read'
  | 'shelter.needs-assistance-read'
  | 'shelter.unresolved-read'
  | 'shelter.person-match'
  | 'shelter.resident-search'
  | 'shelter.staff-assign'
  | 'shelter.supply-rate-set'
  | 'shelter.import'
  | 'health.bundle-receive'
  | 'health.read'
  | 'health.link-decide'
  | 'health.applications-read'
  | 'watch-over.consent-put'
  | 'watch-over.consent-withdraw'
  | 'watch-over.notices-read'
  | 'watch-over.consent-read'
  | 'watch-over.household-search';

export interface AuditTarget {
  /** Kind of record, e.g. 'resident', 'device', 'operator-account'. */
  type: string;
  id: string | null;
}

export interface AuditEntry {
  entryId: string;
  at: Date;
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
}

export async function recordAudit(
  db: Queryable,
  entry: { actor: AuditActor; action: AuditAction; target: AuditTarget; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, actor_role, action, target_type, target_id, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.at,
      entry.actor.id,
      entry.actor.role,
      entry.action,
      entry.target.type,
      entry.target.id,
      entry.actor.requestId,
    ],
  );
}

interface AuditRow {
  id: string | number;
  at: Date;
  actor_id: string;
  actor_role: AuditActor['role'];
  action: AuditAction;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
}

/** Newest first; `before` pages back by entry id. */
export async function listAuditEntries(
  db: Queryable,
  options: { limit: number; before?: string; targetType?: string; targetId?: string },
): Promise<AuditEntry[]> {
  const rows = await db.query<AuditRow>(
    `SELECT id, at, actor_id, actor_role, action, target_type, target_id, request_id FROM audit_log
      WHERE ($1::bigint IS NULL OR id < $1::bigint)
        AND ($2::text IS NULL OR target_type = $2) AND ($3::text IS NULL OR target_id = $3)
      ORDER BY id DESC LIMIT $4`,
    [options.before ?? null, options.targetType ?? null, options.targetId ?? null, options.limit],
  );
  return rows.map((row) => ({
    entryId: String(row.id),
    at: new Date(row.at),
    actor: { id: row.actor_id, role: row.actor_role, requestId: row.request_id },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
  }));
}

/** The audit log as an auditor reads it: the reading is itself an audited action. */
export async function readAuditLog(
  db: Queryable,
  options: {
    limit: number;
    before?: string;
    targetType?: string;
    targetId?: string;
    actor: AuditActor;
    now: Date;
  },
): Promise<AuditEntry[]> {
  const { actor, now, ...filter } = options;
  await recordAudit(db, { actor, action: 'audit.read', target: { type: 'audit-log', id: null }, at: now });
  return listAuditEntries(db, filter);
}
