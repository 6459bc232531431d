// An insurer's profile: the name residents see, the form they confirm, and where reports are delivered (the
// token we send there is sealed). Without a stored profile the API client's name and the default form apply.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import type { InsurerProfile, InsurerProfileInput, StatusReportQuestion } from './contracts.ts';

/** The form of issue 4: alive, living at the registered address, bank account unchanged. */
export const defaultForm: { declaration: string; questions: StatusReportQuestion[] } = {
  declaration: '私は、以下のとおり現況を届け出ます。この届出の内容は事実と相違ありません。',
  questions: [
    { id: 'alive', text: '生存している' },
    { id: 'address', text: '登録住所に住んでいる' },
    { id: 'bank-account', text: '振込口座に変更がない' },
  ],
};

export interface InsurerEndpoint {
  url: string;
  token: string;
}

const tokenField = (insurerId: string) => ({
  table: 'insurer_profiles',
  column: 'endpoint_token_sealed',
  rowId: insurerId,
});

interface ProfileRow {
  display_name: string | null;
  client_name: string;
  endpoint_url: string | null;
  endpoint_token_sealed: string | null;
  declaration: string | null;
  questions: StatusReportQuestion[] | null;
}

async function profileRow(db: Queryable, insurerId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.query<ProfileRow>(
    `SELECT c.name AS client_name, p.display_name, p.endpoint_url, p.endpoint_token_sealed, p.declaration,
            p.questions
       FROM api_clients c LEFT JOIN insurer_profiles p ON p.insurer_id = c.id
      WHERE c.id = $1 AND c.role = 'insurer'`,
    [insurerId],
  );
  return row;
}

/** The insurer's profile as shown (defaults filled in); undefined if there is no such insurer. */
export async function readInsurerProfile(
  db: Queryable,
  insurerId: string,
): Promise<InsurerProfile | undefined> {
  const row = await profileRow(db, insurerId);
  if (row === undefined) return undefined;
  return {
    insurerId,
    displayName: row.display_name ?? row.client_name,
    endpointUrl: row.endpoint_url,
    declaration: row.declaration ?? defaultForm.declaration,
    questions: row.questions ?? defaultForm.questions,
  };
}

/** Where to deliver, with the token opened; undefined when the insurer fetches via the API. */
export async function readInsurerEndpoint(
  db: Queryable,
  cipher: FieldCipher,
  insurerId: string,
): Promise<InsurerEndpoint | undefined> {
  const row = await profileRow(db, insurerId);
  if (row?.endpoint_url == null || row.endpoint_token_sealed == null) return undefined;
  return { url: row.endpoint_url, token: cipher.decrypt(row.endpoint_token_sealed, tokenField(insurerId)) };
}

/** Creates or replaces the profile. Deliveries that waited for an endpoint are queued when one is set. */
export async function saveInsurerProfile(
  db: Queryable,
  cipher: FieldCipher,
  options: { insurerId: string; input: InsurerProfileInput; now: Date },
): Promise<void> {
  const { insurerId, input, now } = options;
  const form = input.form ?? defaultForm;
  await db.query(
    `INSERT INTO insurer_profiles (insurer_id, display_name, endpoint_url, endpoint_token_sealed, declaration,
       questions, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (insurer_id) DO UPDATE SET display_name = $2, endpoint_url = $3, endpoint_token_sealed = $4,
       declaration = $5, questions = $6, updated_at = $7`,
    [
      insurerId,
      input.displayName,
      input.endpoint?.url ?? null,
      input.endpoint ? cipher.encrypt(input.endpoint.token, tokenField(insurerId)) : null,
      form.declaration,
      JSON.stringify(form.questions),
      now,
    ],
  );
  if (input.endpoint !== null) {
    await db.query(
      `UPDATE insurer_deliveries SET state = 'pending', next_attempt_at = $2
        WHERE insurer_id = $1 AND state = 'no-endpoint'`,
      [insurerId, now],
    );
  }
}
