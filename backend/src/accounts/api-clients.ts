// API clients: partner systems (insurers, alert publishers) calling the API with a client id and a secret
// (HTTP Basic). The secret is random, shown once at creation, stored as a hash. An alert publisher is bound
// to the CAP senders it may publish for (at least one): its credential never speaks for another sender.
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
  /** The CAP senders an alert publisher may publish for, sorted; empty for other roles. */
  alertSenders: string[];
  /** The municipality (全国地方公共団体コード) a municipality client acts for; null for other roles. */
  localGovernmentCode: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What a new client is: an alert publisher names its senders. */
export type NewApiClient =
  | { name: string; role: Exclude<ClientRole, 'alert-publisher' | 'municipality'> }
  | { name: string; role: 'municipality'; localGovernmentCode: string }
  | { name: string; role: 'alert-publisher'; alertSenders: readonly string[] };

interface ClientRow {
  id: string;
  name: string;
  role: ClientRole;
  secret_hash: string;
  alert_senders: string[];
  local_government_code: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const clientColumns = `id, name, role, secret_hash, created_at, revoked_at,
  ARRAY(SELECT s.sender FROM alert_publisher_senders s WHERE s.client_id = api_clients.id ORDER BY s.sender)
    AS alert_senders,
  (SELECT m.local_government_code FROM municipality_clients m WHERE m.client_id = api_clients.id)
    AS local_government_code`;

function toClient(row: ClientRow): ApiClient {
  return {
    clientId: row.id,
    name: row.name,
    role: row.role,
    alertSenders: row.alert_senders,
    localGovernmentCode: row.local_government_code,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function createApiClient(
  db: Database,
  options: NewApiClient & { actor: AuditActor; now: Date },
): Promise<{ client: ApiClient; secret: string }> {
  const senders = options.role === 'alert-publisher' ? [...new Set(options.alertSenders)] : [];
  // The route's schema asks for them; this keeps every other caller honest too.
  if (options.role === 'alert-publisher' && senders.length === 0) {
    throw new TypeError('an alert-publisher client needs at least one sender');
  }
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    await tx.query(
      'INSERT INTO api_clients (id, name, role, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [id, options.name, options.role, hashSecret(secret), options.now],
    );
    if (options.role === 'municipality') {
      await tx.query('INSERT INTO municipality_clients (client_id, local_government_code) VALUES ($1, $2)', [
        id,
        options.localGovernmentCode,
      ]);
    }
    if (senders.length > 0) {
      await tx.query(
        `INSERT INTO alert_publisher_senders (client_id, sender) SELECT $1, unnest($2::text[])`,
        [id, senders],
      );
    }
    const rows = await tx.query<ClientRow>(`SELECT ${clientColumns} FROM api_clients WHERE id = $1`, [id]);
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
  const rows = await db.query<ClientRow>(`SELECT ${clientColumns} FROM api_clients ORDER BY created_at`);
  return rows.map(toClient);
}

export async function revokeApiClient(
  db: Database,
  options: { clientId: string; actor: AuditActor; now: Date },
): Promise<ApiClient> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<ClientRow>(
      `UPDATE api_clients SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${clientColumns}`,
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
    ? await db.query<ClientRow>(`SELECT ${clientColumns} FROM api_clients WHERE id = $1`, [
        credentials.clientId,
      ])
    : [];
  const row = rows[0];
  if (row === undefined || !secretMatches(credentials.secret, row.secret_hash) || row.revoked_at !== null) {
    throw new AuthError('auth.invalid-credentials', 'unknown client or wrong secret');
  }
  return toClient(row);
}

/** The CAP senders a client may publish alerts for (none: not an alert publisher, or unknown). */
export async function alertSendersOf(db: Queryable, clientId: string): Promise<string[]> {
  const rows = await db.query<{ sender: string }>(
    'SELECT sender FROM alert_publisher_senders WHERE client_id = $1 ORDER BY sender',
    [clientId],
  );
  return rows.map((row) => row.sender);
}
