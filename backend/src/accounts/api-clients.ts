// API clients: partner systems (insurers, alert publishers) calling the API with a client id and a secret
// (HTTP Basic). The secret is random, shown once at creation, stored as a hash.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { AccountError } from './account-error.ts';
import { AuthError } from './auth-error.ts';
import type { ClientRole } from './roles.ts';
import { hashSecret, newSecret, secretMatches } from './secret-token.ts';

export interface ApiClient {
  clientId: string;
  name: string;
  role: ClientRole;
  createdAt: Date;
  revokedAt: Date | null;
}

interface ClientRow {
  id: string;
  name: string;
  role: ClientRole;
  secret_hash: string;
  created_at: Date;
  revoked_at: Date | null;
}

function toClient(row: ClientRow): ApiClient {
  return {
    clientId: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function createApiClient(
  db: Database,
  options: { name: string; role: ClientRole; actor: AuditActor; now: Date },
): Promise<{ client: ApiClient; secret: string }> {
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const rows = await tx.query<ClientRow>(
      `INSERT INTO api_clients (id, name, role, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, role, secret_hash, created_at, revoked_at`,
      [crypto.randomUUID(), options.name, options.role, hashSecret(secret), options.now],
    );
    const client = toClient(rows[0] as ClientRow);
    await recordAudit(tx, {
      actor: options.actor,
      action: 'api-client.create',
      target: { type: 'api-client', id: client.clientId },
      at: options.now,
    });
    return { client, secret };
  });
}

export async function listApiClients(db: Queryable): Promise<ApiClient[]> {
  const rows = await db.query<ClientRow>(
    'SELECT id, name, role, secret_hash, created_at, revoked_at FROM api_clients ORDER BY created_at',
  );
  return rows.map(toClient);
}

export async function revokeApiClient(
  db: Database,
  options: { clientId: string; actor: AuditActor; now: Date },
): Promise<ApiClient> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<ClientRow>(
      `UPDATE api_clients SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1
       RETURNING id, name, role, secret_hash, created_at, revoked_at`,
      [options.clientId, options.now],
    );
    if (rows[0] === undefined) throw new AccountError('account.not-found', 'no such API client');
    await recordAudit(tx, {
      actor: options.actor,
      action: 'api-client.revoke',
      target: { type: 'api-client', id: options.clientId },
      at: options.now,
    });
    return toClient(rows[0]);
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The client a client id and secret belong to; unknown, wrong or revoked all fail alike. */
export async function authenticateApiClient(
  db: Queryable,
  credentials: { clientId: string; secret: string },
): Promise<ApiClient> {
  const rows = uuidPattern.test(credentials.clientId)
    ? await db.query<ClientRow>(
        'SELECT id, name, role, secret_hash, created_at, revoked_at FROM api_clients WHERE id = $1',
        [credentials.clientId],
      )
    : [];
  const row = rows[0];
  if (row === undefined || !secretMatches(credentials.secret, row.secret_hash) || row.revoked_at !== null) {
    throw new AuthError('auth.invalid-credentials', 'unknown client or wrong secret');
  }
  return toClient(row);
}
