// Resident login with the card's user-authentication certificate (PIN on the remote): the JPKI verifier
// checks the proof, the linked certificate names the resident, and a session bound to this box opens.
import {
  AuthError,
  newSession,
  type OpenedSession,
  resolveSession,
  type SessionPolicy,
} from '../accounts/index.ts';
import type { AuditAction, AuditActor } from '../audit/index.ts';
import type { Queryable } from '../db/index.ts';
import { assertChallengeAccepted, type LoginProof, type LoginVerifier } from '../jpki/index.ts';
import { ResidentError } from './resident-error.ts';

export interface ResidentLogin {
  residentId: string;
  session: OpenedSession;
}

/**
 * One round trip to the database once the card's proof has checked out (in memory: cached chain verdict,
 * signature, cached revocation status): a single statement redeems the challenge, finds the resident by the
 * auth certificate, opens the session and records the audit entry, atomically. A statement that opened no
 * session wrote nothing but the challenge's `used` flag; the reason is then worked out on the slow path.
 */
const loginStatement = `
  WITH challenge AS (
    UPDATE login_challenges SET used = true WHERE challenge = $1 AND NOT used RETURNING device_id, expires_at
  ), resident AS (
    SELECT resident_id FROM resident_auth_certificates WHERE fingerprint = $2
  ), session AS (
    INSERT INTO sessions (id, token_hash, resident_id, device_id, created_at, idle_expires_at, expires_at)
    SELECT $4, $5, r.resident_id, c.device_id::uuid, $6, $7, $8 FROM challenge c, resident r
     WHERE c.device_id = $3 AND c.expires_at >= $6 -- assertChallengeAccepted's rule, here in SQL
    RETURNING id, resident_id
  ), audit AS (
    INSERT INTO audit_log (at, actor_id, actor_role, action, target_type, target_id, request_id)
    SELECT $6, s.resident_id, $10, $11, 'resident-session', s.id, $9 FROM session s
  )
  SELECT c.device_id, c.expires_at, (SELECT resident_id FROM resident) AS resident_id,
         (SELECT id FROM session) AS session_id
    FROM (SELECT 1) AS one LEFT JOIN challenge c ON true`;

interface LoginRow {
  /** The redeemed challenge; null when it was unknown or already used. */
  device_id: string | null;
  expires_at: Date | null;
  resident_id: string | null;
  session_id: string | null;
}

export async function loginResident(
  db: Queryable,
  options: {
    verifier: LoginVerifier;
    deviceId: string;
    proof: LoginProof;
    sessionPolicy: SessionPolicy;
    requestId: string | null;
    now: Date;
  },
): Promise<ResidentLogin> {
  const { verifier, deviceId, proof, now } = options;
  const login = await verifier.verifySignedChallenge({ deviceId, proof }).catch(async (err: unknown) => {
    // The challenge is spent by any attempt, and its errors come first.
    await verifier.redeemChallenge({ challenge: proof.challenge, deviceId });
    throw err;
  });
  const session = newSession({ policy: options.sessionPolicy, now });
  const rows = await db.query<LoginRow>(loginStatement, [
    proof.challenge,
    login.certificate.fingerprint,
    deviceId,
    session.sessionId,
    session.tokenHash,
    now,
    session.idleExpiresAt,
    session.expiresAt,
    options.requestId,
    'resident' satisfies AuditActor['role'],
    'resident.login' satisfies AuditAction,
  ]);
  const row = rows[0] as LoginRow; // always exactly one (the statement's outer SELECT has no condition)
  if (row.session_id !== null && row.resident_id !== null) {
    const subject = { residentId: row.resident_id, deviceId };
    return {
      residentId: row.resident_id,
      session: { token: session.token, sessionId: session.sessionId, subject, expiresAt: session.expiresAt },
    };
  }
  if (row.device_id === null || row.expires_at === null) {
    // Unknown or already used: the verifier says which. It must find the challenge spent, as it keeps its
    // challenges in this database (createPgChallengeStore); anything else is a wiring error.
    await verifier.redeemChallenge({ challenge: proof.challenge, deviceId });
    throw new Error('resident login: the verifier keeps its login challenges outside this database');
  }
  assertChallengeAccepted(
    {
      record: { challenge: proof.challenge, deviceId: row.device_id, expiresAt: row.expires_at },
      alreadyUsed: false,
    },
    deviceId,
    now,
  );
  throw new ResidentError(
    'resident.not-registered',
    'this card is not registered yet; register with the signature certificate',
  );
}

/** The resident of a session token presented by `deviceId`; a token of another box is refused. */
export async function authenticateResident(
  db: Queryable,
  options: { token: string; deviceId: string; policy: SessionPolicy; now: Date },
): Promise<{ residentId: string; sessionId: string }> {
  const session = await resolveSession(db, options);
  if (!('residentId' in session.subject) || session.subject.deviceId !== options.deviceId) {
    throw new AuthError('auth.required', 'not a resident session of this device');
  }
  return { residentId: session.subject.residentId, sessionId: session.sessionId };
}
