// The household's consent to watch-over, as municipality staff record it from the signed form: who agreed,
// the contacts, the quiet period and when the TV asks. Recording it again replaces it and starts a new quiet
// period; withdrawing stops the watch (the record stays, for the notices raised under it).
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import {
  type Consent,
  type ConsentInput,
  consentInputSchema,
  type WatchOverContact,
  type WatchOverSchedule,
} from './contracts.ts';
import { WatchOverError } from './watch-over-error.ts';

/** The sealed part of a consent: personal data. */
export interface SealedConsent {
  agreedBy: string;
  contacts: WatchOverContact[];
}

export const consentField = (householdId: string) => ({
  table: 'watch_over_enrolments',
  column: 'consent_sealed',
  rowId: householdId,
});

interface ConsentRow {
  household_id: string;
  consent_sealed: string;
  quiet_hours: number;
  ask_times: string[];
  agreed_at: Date;
  withdrawn_at: Date | null;
}

/** Staff act for one municipality (null: the operator's admins, for all); changes are audited as `audit`. */
export interface ConsentActor {
  id: string;
  municipality: string | null;
  audit: AuditActor;
}

async function checkHousehold(db: Queryable, householdId: string, actor: ConsentActor): Promise<void> {
  const rows = await db.query(
    'SELECT 1 FROM households WHERE id = $1 AND ($2::text IS NULL OR local_government_code = $2)',
    [householdId, actor.municipality],
  );
  if (rows.length === 0) throw new WatchOverError('watch-over.household-not-found', 'no such household');
}

export async function putConsent(
  db: Queryable,
  cipher: FieldCipher,
  options: {
    householdId: string;
    input: ConsentInput;
    actor: ConsentActor;
    defaultQuietHours: number;
    now: Date;
  },
): Promise<Consent> {
  const { householdId, actor, now } = options;
  const input = consentInputSchema.parse(options.input);
  await checkHousehold(db, householdId, actor);
  const residentIds = input.contacts.flatMap((c) => ('residentId' in c ? [c.residentId] : []));
  if (residentIds.length > 0) {
    const found = await db.query<{ id: string }>(
      'SELECT id FROM residents WHERE id = ANY (SELECT jsonb_array_elements_text($1::jsonb)::uuid)',
      [JSON.stringify(residentIds)],
    );
    const missing = residentIds.find((id) => !found.some((row) => row.id === id));
    if (missing !== undefined) {
      throw new WatchOverError('watch-over.contact-unknown', `no registered resident ${missing}`);
    }
  }
  const sealed: SealedConsent = { agreedBy: input.agreedBy, contacts: input.contacts };
  const askTimes = [...input.askTimes].sort();
  const quietHours = input.quietHours ?? options.defaultQuietHours;
  await db.query(
    `INSERT INTO watch_over_enrolments (household_id, consent_sealed, quiet_hours, ask_times, recorded_by, agreed_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (household_id) DO UPDATE SET consent_sealed = EXCLUDED.consent_sealed,
       quiet_hours = EXCLUDED.quiet_hours, ask_times = EXCLUDED.ask_times, recorded_by = EXCLUDED.recorded_by,
       agreed_at = EXCLUDED.agreed_at, withdrawn_at = NULL`,
    [
      householdId,
      cipher.encrypt(JSON.stringify(sealed), consentField(householdId)),
      quietHours,
      JSON.stringify(askTimes),
      actor.id,
      now,
    ],
  );
  await recordAudit(db, {
    actor: actor.audit,
    action: 'watch-over.consent-put',
    target: { type: 'household', id: householdId },
    at: now,
  });
  return { householdId, ...sealed, quietHours, askTimes, agreedAt: now.toISOString(), withdrawnAt: null };
}

export async function readConsent(
  db: Queryable,
  cipher: FieldCipher,
  options: { householdId: string; actor: ConsentActor; now: Date },
): Promise<Consent> {
  await checkHousehold(db, options.householdId, options.actor);
  const [row] = await db.query<ConsentRow>(
    `SELECT household_id, consent_sealed, quiet_hours, ask_times, agreed_at, withdrawn_at
       FROM watch_over_enrolments WHERE household_id = $1`,
    [options.householdId],
  );
  if (row === undefined) throw new WatchOverError('watch-over.not-enrolled', 'the household has not agreed');
  // Who agreed and the contacts' names and phone numbers: a read of personal data.
  await recordAudit(db, {
    actor: options.actor.audit,
    action: 'watch-over.consent-read',
    target: { type: 'household', id: options.householdId },
    at: options.now,
  });
  return consentOf(row, openConsent(cipher, row.household_id, row.consent_sealed));
}

export async function withdrawConsent(
  db: Queryable,
  options: { householdId: string; actor: ConsentActor; now: Date },
): Promise<void> {
  await checkHousehold(db, options.householdId, options.actor);
  const rows = await db.query(
    `UPDATE watch_over_enrolments SET withdrawn_at = COALESCE(withdrawn_at, $2) WHERE household_id = $1
     RETURNING household_id`,
    [options.householdId, options.now],
  );
  if (rows.length === 0) throw new WatchOverError('watch-over.not-enrolled', 'the household has not agreed');
  await recordAudit(db, {
    actor: options.actor.audit,
    action: 'watch-over.consent-withdraw',
    target: { type: 'household', id: options.householdId },
    at: options.now,
  });
}

/** What a box of the household needs: watched over or not, and when the TV asks. */
export async function readSchedule(db: Queryable, householdId: string): Promise<WatchOverSchedule> {
  const [row] = await db.query<{ ask_times: string[] }>(
    'SELECT ask_times FROM watch_over_enrolments WHERE household_id = $1 AND withdrawn_at IS NULL',
    [householdId],
  );
  return row === undefined ? { enrolled: false, askTimes: [] } : { enrolled: true, askTimes: row.ask_times };
}

export function openConsent(cipher: FieldCipher, householdId: string, sealed: string): SealedConsent {
  return JSON.parse(cipher.decrypt(sealed, consentField(householdId))) as SealedConsent;
}

function consentOf(row: ConsentRow, sealed: SealedConsent): Consent {
  return {
    householdId: row.household_id,
    ...sealed,
    quietHours: row.quiet_hours,
    askTimes: row.ask_times,
    agreedAt: row.agreed_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}
