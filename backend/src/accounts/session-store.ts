// Login sessions of operators and residents: an opaque random token given to the client once, only its hash
// stored. A session ends at the first of: idle time without use, maximum age, logout, or its device revoked.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { AuthError } from './auth-error.ts';
import { hashSecret, newSecret } from './secret-token.ts';

export interface SessionPolicy {
  /** Ends a session not used for this long. */
  idleMs: number;
  /** Ends a session this long after login, used or not. */
  maxMs: number;
}

/** Who a session belongs to: an operator account, or a resident on one STB. */
export type SessionSubject = { operatorAccountId: string } | { residentId: string; deviceId: string };

export interface Session {
  sessionId: string;
  subject: SessionSubject;
  expiresAt: Date;
}

export interface OpenedSession extends Session {
  /** Shown to the client once; never stored. */
  token: string;
}

/** Idle expiry is moved forward at most once a minute, so a busy client does not write on every request. */
const idleSlackMs = 60_000;

/** A session about to be stored: `openSession` inserts it; resident login inserts it inside its one statement
 * (the resident is found there too). */
export interface NewSession {
  sessionId: string;
  /** Shown to the client once; never stored. */
  token: string;
  tokenHash: string;
  createdAt: Date;
  idleExpiresAt: Date;
  expiresAt: Date;
}

/** A fresh token and id with the session's expiry times under `policy` (nothing is written). */
export function newSession(options: { policy: SessionPolicy; now: Date }): NewSession {
  const { policy, now } = options;
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + policy.maxMs);
  return {
    sessionId: crypto.randomUUID(),
    token,
    tokenHash: hashSecret(token),
    createdAt: now,
    idleExpiresAt: new Date(Math.min(now.getTime() + policy.idleMs, expiresAt.getTime())),
    expiresAt,
  };
}

export async function openSession(
  db: Queryable,
  options: { subject: SessionSubject; policy: SessionPolicy; now: Date },
): Promise<OpenedSession> {
  const { subject } = options;
  const session = newSession(options);
  const operator = 'operatorAccountId' in subject ? subject.operatorAccountId : null;
  const resident = 'residentId' in subject ? subject : null;
  await db.query(
    `INSERT INTO sessions (id, token_hash, operator_account_id, resident_id, device_id, created_at,
       idle_expires_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      session.sessionId,
      session.tokenHash,
      operator,
      resident?.residentId ?? null,
      resident?.deviceId ?? null,
      session.createdAt,
      session.idleExpiresAt,
      session.expiresAt,
    ],
  );
  return { token: session.token, sessionId: session.sessionId, subject, expiresAt: session.expiresAt };
}

interface SessionRow {
  id: string;
  operator_account_id: string | null;
  resident_id: string | null;
  device_id: string | null;
  idle_expires_at: Date;
  expires_at: Date;
}

/** The live session a token names, its idle expiry slid forward. Throws 'auth.required' for an unknown token
 * and 'auth.session-expired' for one past its idle or maximum time. */
export async function resolveSession(
  db: Queryable,
  options: { token: string; policy: SessionPolicy; now: Date },
): Promise<Session> {
  const { token, policy, now } = options;
  const [row] = await db.query<SessionRow>(
    `SELECT id, operator_account_id, resident_id, device_id, idle_expires_at, expires_at
       FROM sessions WHERE token_hash = $1`,
    [hashSecret(token)],
  );
  if (row === undefined) throw new AuthError('auth.required', 'unknown session');
  const idleExpiresAt = new Date(row.idle_expires_at);
  const expiresAt = new Date(row.expires_at);
  if (now >= idleExpiresAt || now >= expiresAt)
    throw new AuthError('auth.session-expired', 'session expired');
  const slid = Math.min(now.getTime() + policy.idleMs, expiresAt.getTime());
  if (slid - idleExpiresAt.getTime() > idleSlackMs) {
    await db.query('UPDATE sessions SET idle_expires_at = $2 WHERE id = $1', [row.id, new Date(slid)]);
  }
  const subject: SessionSubject =
    row.operator_account_id !== null
      ? { operatorAccountId: row.operator_account_id }
      : { residentId: row.resident_id ?? '', deviceId: row.device_id ?? '' };
  return { sessionId: row.id, subject, expiresAt };
}

/** Ends a session (logout); an already ended one is ignored. */
/** Logout of an operator or a resident: the session ends, and the audit log says who ended it. */
export async function endSession(
  db: Database,
  options: { kind: 'operator' | 'resident'; sessionId: string; actor: AuditActor; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM sessions WHERE id = $1', [options.sessionId]);
    await recordAudit(tx, {
      actor: options.actor,
      action: `${options.kind}.logout`,
      target: { type: `${options.kind}-session`, id: options.sessionId },
      at: options.now,
    });
  });
}

/** Ends every session opened on a device (its revocation) or of an account (its disabling). */
export async function closeSessionsOf(
  db: Queryable,
  owner: { deviceId: string } | { operatorAccountId: string },
): Promise<void> {
  if ('deviceId' in owner) await db.query('DELETE FROM sessions WHERE device_id = $1', [owner.deviceId]);
  else await db.query('DELETE FROM sessions WHERE operator_account_id = $1', [owner.operatorAccountId]);
}

/** Removes sessions that ended more than a day ago (kept that long so clients get 'session-expired'); run
 * periodically by the server's housekeeping, not on the login path. The idle expiry never passes the maximum,
 * so it alone says when a session ended. Resolves to how many were removed. */
export async function purgeEndedSessions(db: Queryable, now: Date): Promise<number> {
  const removed = await db.query('DELETE FROM sessions WHERE idle_expires_at < $1 RETURNING 1', [
    new Date(now.getTime() - 86_400_000),
  ]);
  return removed.length;
}
