// Operator login and the sessions it opens. The attempt is counted by the login throttle before the password
// is checked; unknown login names cost the same scrypt time as known ones, and both fail the same way.
import { recordAudit } from '../audit/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { AuthError } from './auth-error.ts';
import { countLoginAttempt, forgiveLoginAttempt, type ThrottlePolicy } from './login-throttle.ts';
import { getOperatorAccount, normaliseLoginName, type OperatorAccount } from './operator-accounts.ts';
import { verifyAgainstDecoy, verifyPassword } from './password-hash.ts';
import { type OpenedSession, openSession, resolveSession, type SessionPolicy } from './session-store.ts';

export interface OperatorLoginPolicy {
  session: SessionPolicy;
  throttle: ThrottlePolicy;
}

export interface OperatorLogin {
  session: OpenedSession;
  account: OperatorAccount;
}

export async function loginOperator(
  db: Database,
  options: {
    loginName: string;
    password: string;
    /** Client address, for the per-network limit. */
    address: string;
    requestId: string | null;
    now: Date;
    policy: OperatorLoginPolicy;
  },
): Promise<OperatorLogin> {
  const { password, address, now, policy } = options;
  const loginName = normaliseLoginName(options.loginName);
  await countLoginAttempt(db, { loginName, address, now, policy: policy.throttle });
  const rows = await db.query<{ id: string; password_hash: string; disabled_at: Date | null }>(
    'SELECT id, password_hash, disabled_at FROM operator_accounts WHERE login_name = $1',
    [loginName],
  );
  const row = rows[0];
  const matches =
    row === undefined
      ? await verifyAgainstDecoy(password)
      : await verifyPassword(password, row.password_hash);
  if (row === undefined || !matches || row.disabled_at !== null) {
    if (row !== undefined) {
      await recordAudit(db, {
        actor: { id: 'anonymous', role: 'anonymous', requestId: options.requestId },
        action: 'operator.login-refused',
        target: { type: 'operator-account', id: row.id },
        at: now,
      });
    }
    throw new AuthError('auth.invalid-credentials', 'login name or password is wrong');
  }
  await forgiveLoginAttempt(db, { loginName, address, now, policy: policy.throttle });
  const account = await getOperatorAccount(db, row.id);
  const session = await openSession(db, {
    subject: { operatorAccountId: row.id },
    policy: policy.session,
    now,
  });
  await recordAudit(db, {
    actor: { id: row.id, role: account.role, requestId: options.requestId },
    action: 'operator.login',
    target: { type: 'operator-session', id: session.sessionId },
    at: now,
  });
  return { session, account };
}

export interface OperatorSession {
  sessionId: string;
  account: OperatorAccount;
}

/** The operator a session token belongs to; a disabled account's token is refused like an unknown one. */
export async function authenticateOperator(
  db: Queryable,
  options: { token: string; now: Date; policy: SessionPolicy },
): Promise<OperatorSession> {
  const session = await resolveSession(db, options);
  if (!('operatorAccountId' in session.subject))
    throw new AuthError('auth.required', 'not an operator session');
  const account = await getOperatorAccount(db, session.subject.operatorAccountId);
  if (account.disabledAt !== null) throw new AuthError('auth.required', 'account disabled');
  return { sessionId: session.sessionId, account };
}
