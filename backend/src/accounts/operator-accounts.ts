// Operator accounts: the people using the dashboard (CATV operator admins, municipality and shelter staff).
// Creating and disabling one is a privileged action and goes into the audit log in the same transaction.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { type Database, DbError, type Queryable } from '../db/index.ts';
import { AccountError } from './account-error.ts';
import { checkPasswordPolicy, hashPassword } from './password-hash.ts';
import type { OperatorRole } from './roles.ts';
import { closeSessionsOf } from './session-store.ts';

export interface OperatorAccount {
  accountId: string;
  loginName: string;
  displayName: string;
  role: OperatorRole;
  /** The municipality a municipality-staff account is limited to; null for the others. */
  localGovernmentCode: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface NewOperatorAccount {
  loginName: string;
  displayName: string;
  role: OperatorRole;
  password: string;
  localGovernmentCode?: string | null;
}

/** Login names compare case-insensitively: stored and looked up in this form. */
export function normaliseLoginName(loginName: string): string {
  return loginName.normalize('NFKC').trim().toLowerCase();
}

interface AccountRow {
  id: string;
  login_name: string;
  display_name: string;
  role: OperatorRole;
  local_government_code: string | null;
  created_at: Date;
  disabled_at: Date | null;
}

const columns = 'id, login_name, display_name, role, local_government_code, created_at, disabled_at';

function toAccount(row: AccountRow): OperatorAccount {
  return {
    accountId: row.id,
    loginName: row.login_name,
    displayName: row.display_name,
    role: row.role,
    localGovernmentCode: row.local_government_code,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

async function insertAccount(
  db: Queryable,
  options: { account: NewOperatorAccount; passwordHash: string; now: Date },
): Promise<OperatorAccount> {
  const { account, passwordHash, now } = options;
  try {
    const rows = await db.query<AccountRow>(
      `INSERT INTO operator_accounts (id, login_name, display_name, role, local_government_code, password_hash,
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [
        crypto.randomUUID(),
        normaliseLoginName(account.loginName),
        account.displayName,
        account.role,
        account.localGovernmentCode ?? null,
        passwordHash,
        now,
      ],
    );
    return toAccount(rows[0] as AccountRow);
  } catch (error) {
    if (error instanceof DbError && error.sqlState === '23505') {
      throw new AccountError('account.login-name-taken', 'login name already in use', { cause: error });
    }
    throw error;
  }
}

export async function createOperatorAccount(
  db: Database,
  options: { account: NewOperatorAccount; actor: AuditActor; now: Date },
): Promise<OperatorAccount> {
  // Hash outside the transaction: 0.3 s of scrypt should not hold a connection (or PGlite's lock).
  checkPasswordPolicy(options.account.password);
  const passwordHash = await hashPassword(options.account.password);
  return db.transaction(async (tx) => {
    const created = await insertAccount(tx, { account: options.account, passwordHash, now: options.now });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'account.create',
      target: { type: 'operator-account', id: created.accountId },
      at: options.now,
    });
    return created;
  });
}

/**
 * Creates the first operator-admin when none exists (start-up seed); otherwise leaves everything as is.
 * Returns the account created, or null when an admin already existed.
 */
export async function ensureFirstAdmin(
  db: Database,
  options: { loginName: string; displayName: string; password: string; now: Date },
): Promise<OperatorAccount | null> {
  const rows = await db.query("SELECT 1 FROM operator_accounts WHERE role = 'operator-admin' LIMIT 1");
  if (rows.length > 0) return null;
  return createOperatorAccount(db, {
    account: { ...options, role: 'operator-admin' },
    actor: { id: 'seed', role: 'system', requestId: null },
    now: options.now,
  });
}

export async function getOperatorAccount(db: Queryable, accountId: string): Promise<OperatorAccount> {
  const rows = await db.query<AccountRow>(`SELECT ${columns} FROM operator_accounts WHERE id = $1`, [
    accountId,
  ]);
  if (rows[0] === undefined) throw new AccountError('account.not-found', 'no such operator account');
  return toAccount(rows[0]);
}

/** Every account; staff names are personal data, so the listing is audited. */
export async function listOperatorAccounts(
  db: Queryable,
  options: { actor: AuditActor; now: Date },
): Promise<OperatorAccount[]> {
  await recordAudit(db, {
    actor: options.actor,
    action: 'account.read',
    target: { type: 'operator-account', id: null },
    at: options.now,
  });
  const rows = await db.query<AccountRow>(`SELECT ${columns} FROM operator_accounts ORDER BY login_name`);
  return rows.map(toAccount);
}

/** Disables an account and ends its sessions; disabling twice keeps the first time. */
export async function disableOperatorAccount(
  db: Database,
  options: { accountId: string; actor: AuditActor; now: Date },
): Promise<OperatorAccount> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<AccountRow>(
      `UPDATE operator_accounts SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING ${columns}`,
      [options.accountId, options.now],
    );
    if (rows[0] === undefined) throw new AccountError('account.not-found', 'no such operator account');
    await closeSessionsOf(tx, { operatorAccountId: options.accountId });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'account.disable',
      target: { type: 'operator-account', id: options.accountId },
      at: options.now,
    });
    return toAccount(rows[0]);
  });
}
