// Shelter terminals (a PC or tablet with a card reader running the bridge in shelter mode): enrolled once to
// a shelter by an operator admin, with their own credential (`Authorization: Terminal <id>.<secret>`), the
// same kind of generated secret as a set-top box's (accounts/secret-token.ts), revocable.
import { hashSecret, newSecret, secretMatches } from '../accounts/index.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { CheckinError } from './checkin-error.ts';

export interface TerminalIdentity {
  terminalId: string;
  shelterId: string;
}

export interface TerminalSummary extends TerminalIdentity {
  label: string;
  enrolledAt: Date;
  revokedAt: Date | null;
  /** Every event up to this sequence number has arrived. */
  storedThrough: number;
}

export async function enrolTerminal(
  db: Database,
  options: { shelterId: string; label: string; actor: AuditActor; now: Date },
): Promise<TerminalIdentity & { secret: string }> {
  const secret = newSecret();
  const terminalId = crypto.randomUUID();
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO shelter_terminals (id, shelter_id, label, secret_hash, enrolled_at)
       SELECT $1, id, $3, $4, $5 FROM shelters WHERE id = $2 RETURNING id`,
      [terminalId, options.shelterId, options.label, hashSecret(secret), options.now],
    );
    if (rows.length === 0) throw new CheckinError('checkin.shelter-not-found', 'no such shelter');
    await recordAudit(tx, {
      actor: options.actor,
      action: 'shelter-terminal.enrol',
      target: { type: 'shelter-terminal', id: terminalId },
      at: options.now,
    });
    return { terminalId, shelterId: options.shelterId, secret };
  });
}

export async function revokeTerminal(
  db: Database,
  options: { terminalId: string; actor: AuditActor; now: Date },
): Promise<{ revokedAt: Date }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ revoked_at: Date }>(
      'UPDATE shelter_terminals SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING revoked_at',
      [options.terminalId, options.now],
    );
    if (rows[0] === undefined) throw new CheckinError('checkin.terminal-not-found', 'no such terminal');
    await recordAudit(tx, {
      actor: options.actor,
      action: 'shelter-terminal.revoke',
      target: { type: 'shelter-terminal', id: options.terminalId },
      at: options.now,
    });
    return { revokedAt: rows[0].revoked_at };
  });
}

interface TerminalRow {
  id: string;
  shelter_id: string;
  label: string;
  enrolled_at: Date;
  revoked_at: Date | null;
  stored_through: string | number;
}

/** Every terminal, or the one asked for. */
export async function listTerminals(
  db: Queryable,
  options: { terminalId?: string } = {},
): Promise<TerminalSummary[]> {
  const rows = await db.query<TerminalRow>(
    `SELECT id, shelter_id, label, enrolled_at, revoked_at, stored_through FROM shelter_terminals
      WHERE $1::uuid IS NULL OR id = $1 ORDER BY enrolled_at`,
    [options.terminalId ?? null],
  );
  return rows.map((row) => ({
    terminalId: row.id,
    shelterId: row.shelter_id,
    label: row.label,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    storedThrough: Number(row.stored_through),
  }));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws 'checkin.terminal-invalid-credentials' (unknown id, wrong secret) or 'checkin.terminal-revoked'. */
export async function authenticateTerminal(
  db: Queryable,
  credential: { terminalId: string; secret: string },
): Promise<TerminalIdentity> {
  const rows = uuidPattern.test(credential.terminalId)
    ? await db.query<{ id: string; shelter_id: string; secret_hash: string; revoked_at: Date | null }>(
        'SELECT id, shelter_id, secret_hash, revoked_at FROM shelter_terminals WHERE id = $1',
        [credential.terminalId.toLowerCase()],
      )
    : [];
  const row = rows[0];
  if (row === undefined || !secretMatches(credential.secret, row.secret_hash)) {
    throw new CheckinError('checkin.terminal-invalid-credentials', 'unknown terminal or wrong secret');
  }
  if (row.revoked_at !== null)
    throw new CheckinError('checkin.terminal-revoked', 'this terminal was revoked');
  return { terminalId: row.id, shelterId: row.shelter_id };
}
