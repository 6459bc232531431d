// Resident login with the card's user-authentication certificate (PIN on the remote): the JPKI verifier
// checks the proof, the linked certificate names the resident, and a session bound to this box opens.
import {
  AuthError,
  closeSession,
  type OpenedSession,
  openSession,
  resolveSession,
  type SessionPolicy,
} from '../accounts/index.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import type { LoginProof, LoginVerifier } from '../jpki/index.ts';
import { ResidentError } from './resident-error.ts';
import { findResidentByAuthCertificate } from './resident-records.ts';

export interface ResidentLogin {
  residentId: string;
  session: OpenedSession;
}

export async function loginResident(
  db: Database,
  options: {
    verifier: LoginVerifier;
    deviceId: string;
    proof: LoginProof;
    sessionPolicy: SessionPolicy;
    requestId: string | null;
    now: Date;
  },
): Promise<ResidentLogin> {
  const { deviceId, now } = options;
  const login = await options.verifier.verifyProof({ deviceId, proof: options.proof });
  const residentId = await findResidentByAuthCertificate(db, login.certificate.fingerprint);
  if (residentId === undefined) {
    throw new ResidentError(
      'resident.not-registered',
      'this card is not registered yet; register with the signature certificate',
    );
  }
  return db.transaction(async (tx) => {
    const session = await openSession(tx, {
      subject: { residentId, deviceId },
      policy: options.sessionPolicy,
      now,
    });
    await recordAudit(tx, {
      actor: { id: residentId, role: 'resident', requestId: options.requestId },
      action: 'resident.login',
      target: { type: 'resident-session', id: session.sessionId },
      at: now,
    });
    return { residentId, session };
  });
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

export async function logoutResident(
  db: Database,
  options: { sessionId: string; actor: AuditActor; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await closeSession(tx, options.sessionId);
    await recordAudit(tx, {
      actor: options.actor,
      action: 'resident.logout',
      target: { type: 'resident-session', id: options.sessionId },
      at: options.now,
    });
  });
}
